/**
 * Attributed conversions (engine) as the rows export writes them: one line per touch, snake_case
 * columns, ISO times, a credit and a value column per model. The columns a conversion's rows share
 * are encoded once per conversion, not once per row.
 */
import { isoTime, type AttributedConversion, type RowModel } from "@touchpoint/journeys";
import type { AttributionRowsQuery } from "../queries/attribution-rows.js";
import { csvField, csvLine } from "./csv.js";

/** Rows are handed on in chunks of about this many characters: one write per row would cost more than the row. */
const CHUNK_CHARS = 64 * 1024;

const CONVERSION_COLUMNS = [
  "conversion_id",
  "customer_id",
  "anonymous_id",
  "conversion",
  "conversion_time",
  "conversion_value",
  "first_conversion",
  "path_length",
] as const;
const TOUCH_COLUMNS = ["touch_index", "touch_time", "key"] as const;

export function attributionRowColumns(models: readonly RowModel[]): string[] {
  return [...CONVERSION_COLUMNS, ...TOUCH_COLUMNS, ...models.flatMap((model) => [`${model}_credit`, `${model}_value`])];
}

/** A conversion with no touch has one `(none)` row but a path of length 0. */
const pathLength = (conversion: AttributedConversion) => (conversion.touches[0]?.index === null ? 0 : conversion.touches.length);

function conversionValues(conversion: AttributedConversion, name: string) {
  return [
    conversion.conversionId,
    conversion.customerId,
    conversion.anonymousId,
    name,
    isoTime(conversion.time),
    conversion.value,
    conversion.first,
    pathLength(conversion),
  ];
}

export function attributionCsvHeader(models: readonly RowModel[]): string {
  return csvLine(attributionRowColumns(models));
}

/** Distinct texts a writer remembers before it starts over: keys and values are few in practice, but nothing bounds them. */
const REMEMBERED_TEXTS = 10_000;

/** `format(value)` for each distinct value, computed once while at most REMEMBERED_TEXTS are held. */
function rememberedTexts<T>(format: (value: T) => string): (value: T) => string {
  const texts = new Map<T, string>();
  return (value) => {
    let text = texts.get(value);
    if (text === undefined) {
      if (texts.size >= REMEMBERED_TEXTS) texts.clear();
      text = format(value);
      texts.set(value, text);
    }
    return text;
  };
}

/**
 * Writes a conversion's rows as text. Credits are a few shares (1/3, 0.4, ...) repeated over
 * hundreds of thousands of rows and keys a few channels, and printing a double cost more than the
 * rest of its row: each distinct credit, value and key is printed once (a Map takes 0 and -0 for
 * one key, and `${n}` prints both as 0).
 */
export interface AttributionRowWriter {
  /** The header line (CSV) or nothing (NDJSON). */
  header: string;
  /** The conversion's lines, one per touch. */
  rows(conversion: AttributedConversion): string;
}

export function attributionRowWriter(models: readonly RowModel[], name: string, format: "csv" | "ndjson"): AttributionRowWriter {
  const numberText = rememberedTexts((value: number) => `${value}`);
  return format === "csv" ? csvRowWriter(models, name, numberText) : ndjsonRowWriter(models, name, numberText);
}

function csvRowWriter(models: readonly RowModel[], name: string, numberText: (value: number) => string): AttributionRowWriter {
  const keyField = rememberedTexts(csvField);
  return {
    header: attributionCsvHeader(models),
    rows(conversion) {
      const prefix = conversionValues(conversion, name).map(csvField).join(",");
      let lines = "";
      for (const touch of conversion.touches) {
        let line = `${prefix},${csvField(touch.index)},${touch.time === null ? "" : isoTime(touch.time)},${keyField(touch.key)}`;
        for (const credit of touch.credits) line += `,${numberText(credit)},${numberText(credit * conversion.value)}`;
        lines += `${line}\r\n`;
      }
      return lines;
    },
  };
}

/** One object per touch keyed by the CSV's column names, built as text: JSON.stringify of an object per row cost four times as much. */
function ndjsonRowWriter(models: readonly RowModel[], name: string, numberText: (value: number) => string): AttributionRowWriter {
  const keyJson = rememberedTexts((key: string) => JSON.stringify(key));
  const creditNames = models.map((model) => `,"${model}_credit":`);
  const valueNames = models.map((model) => `,"${model}_value":`);
  return {
    header: "",
    rows(conversion) {
      const prefix = conversionValues(conversion, name)
        .map((value, i) => `"${CONVERSION_COLUMNS[i]}":${JSON.stringify(value)}`)
        .join(",");
      let lines = "";
      for (const touch of conversion.touches) {
        let line = `{${prefix},"touch_index":${touch.index},"touch_time":${touch.time === null ? "null" : `"${isoTime(touch.time)}"`},"key":${keyJson(touch.key)}`;
        touch.credits.forEach((credit, i) => {
          line += `${creditNames[i]}${numberText(credit)}${valueNames[i]}${numberText(credit * conversion.value)}`;
        });
        lines += `${line}}\n`;
      }
      return lines;
    },
  };
}

/** The whole answer in UTF-8 chunks, header first for CSV, produced as the rows query streams journeys. */
export async function* attributionRowChunks(query: AttributionRowsQuery, format: "csv" | "ndjson"): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  const writer = attributionRowWriter(query.models, query.conversion, format);
  let chunk = writer.header;
  for await (const conversions of query.conversions()) {
    for (const conversion of conversions) chunk += writer.rows(conversion);
    if (chunk.length >= CHUNK_CHARS) {
      yield encoder.encode(chunk);
      chunk = "";
    }
  }
  if (chunk) yield encoder.encode(chunk);
}

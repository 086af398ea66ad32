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

/** The conversion's CSV lines, one per touch. */
export function attributionCsvRows(conversion: AttributedConversion, name: string): string {
  const prefix = conversionValues(conversion, name).map(csvField).join(",");
  let lines = "";
  for (const touch of conversion.touches) {
    let line = `${prefix},${csvField(touch.index)},${touch.time === null ? "" : isoTime(touch.time)},${csvField(touch.key)}`;
    for (const credit of touch.credits) line += `,${credit},${credit * conversion.value}`;
    lines += `${line}\r\n`;
  }
  return lines;
}

/** The conversion's NDJSON lines, one object per touch keyed by the CSV's column names (built as text: JSON.stringify of an object per row cost four times as much). */
export function attributionNdjsonRows(conversion: AttributedConversion, name: string, models: readonly RowModel[]): string {
  const prefix = conversionValues(conversion, name)
    .map((value, i) => `"${CONVERSION_COLUMNS[i]}":${JSON.stringify(value)}`)
    .join(",");
  let lines = "";
  for (const touch of conversion.touches) {
    let line = `{${prefix},"touch_index":${touch.index},"touch_time":${touch.time === null ? "null" : `"${isoTime(touch.time)}"`},"key":${JSON.stringify(touch.key)}`;
    models.forEach((model, i) => {
      const credit = touch.credits[i] as number;
      line += `,"${model}_credit":${credit},"${model}_value":${credit * conversion.value}`;
    });
    lines += `${line}}\n`;
  }
  return lines;
}

/** The whole answer in UTF-8 chunks, header first for CSV, produced as the rows query streams journeys. */
export async function* attributionRowChunks(query: AttributionRowsQuery, format: "csv" | "ndjson"): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let chunk = format === "csv" ? attributionCsvHeader(query.models) : "";
  for await (const conversions of query.conversions()) {
    for (const conversion of conversions) {
      chunk +=
        format === "csv"
          ? attributionCsvRows(conversion, query.conversion)
          : attributionNdjsonRows(conversion, query.conversion, query.models);
    }
    if (chunk.length >= CHUNK_CHARS) {
      yield encoder.encode(chunk);
      chunk = "";
    }
  }
  if (chunk) yield encoder.encode(chunk);
}

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
 * The credit and value columns of a row as text. Printing a double cost more than the rest of a
 * row, and credits are few: a touch mostly has the credits of the touch before it in its
 * conversion (linear gives them all the same), and conversions share a few shares (1/2, 1/3, 0.4,
 * ...). So a touch with its predecessor's credits reuses their text, and any other number is
 * printed once per answer (a Map takes 0 and -0 for one key, and `${n}` prints both as 0).
 */
class CreditColumns {
  private readonly last: number[];
  private text = "";
  private conversionValue = 0;
  private readonly numberText = rememberedTexts((value: number) => `${value}`);

  /** `columns(model, credit, value)` is the text of one model's two columns, e.g. `,0.5,50` in CSV. */
  constructor(
    models: number,
    private readonly columns: (model: number, credit: string, value: string) => string,
  ) {
    this.last = new Array<number>(models).fill(Number.NaN);
  }

  startConversion(value: number): void {
    this.conversionValue = value;
    this.last.fill(Number.NaN);
  }

  /** Every model's columns for a touch with these credits (one per model). */
  of(credits: readonly number[]): string {
    let same = true;
    for (let i = 0; i < credits.length; i++) same &&= credits[i] === this.last[i];
    if (same) return this.text;
    let text = "";
    for (let i = 0; i < credits.length; i++) {
      const credit = credits[i] as number;
      this.last[i] = credit;
      text += this.columns(i, this.numberText(credit), this.numberText(credit * this.conversionValue));
    }
    this.text = text;
    return text;
  }
}

/** Writes a conversion's rows as text, each distinct key escaped once per answer. */
interface AttributionRowWriter {
  /** The header line (CSV) or nothing (NDJSON). */
  header: string;
  /** The conversion's lines, one per touch. */
  rows(conversion: AttributedConversion): string;
}

function attributionRowWriter(models: readonly RowModel[], name: string, format: "csv" | "ndjson"): AttributionRowWriter {
  return format === "csv" ? csvRowWriter(models, name) : ndjsonRowWriter(models, name);
}

function csvRowWriter(models: readonly RowModel[], name: string): AttributionRowWriter {
  const keyField = rememberedTexts(csvField);
  const credits = new CreditColumns(models.length, (_, credit, value) => `,${credit},${value}`);
  return {
    header: attributionCsvHeader(models),
    rows(conversion) {
      const prefix = conversionValues(conversion, name).map(csvField).join(",");
      credits.startConversion(conversion.value);
      let lines = "";
      for (const touch of conversion.touches) {
        const time = touch.time === null ? "" : isoTime(touch.time);
        lines += `${prefix},${csvField(touch.index)},${time},${keyField(touch.key)}${credits.of(touch.credits)}\r\n`;
      }
      return lines;
    },
  };
}

/** One object per touch keyed by the CSV's column names, built as text: JSON.stringify of an object per row cost four times as much. */
function ndjsonRowWriter(models: readonly RowModel[], name: string): AttributionRowWriter {
  const keyJson = rememberedTexts((key: string) => JSON.stringify(key));
  const creditNames = models.map((model) => `,"${model}_credit":`);
  const valueNames = models.map((model) => `,"${model}_value":`);
  const credits = new CreditColumns(models.length, (model, credit, value) => `${creditNames[model]}${credit}${valueNames[model]}${value}`);
  return {
    header: "",
    rows(conversion) {
      const prefix = conversionValues(conversion, name)
        .map((value, i) => `"${CONVERSION_COLUMNS[i]}":${JSON.stringify(value)}`)
        .join(",");
      credits.startConversion(conversion.value);
      let lines = "";
      for (const touch of conversion.touches) {
        const time = touch.time === null ? "null" : `"${isoTime(touch.time)}"`;
        lines += `{${prefix},"touch_index":${touch.index},"touch_time":${time},"key":${keyJson(touch.key)}${credits.of(touch.credits)}}\n`;
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

/** CSV as RFC 4180 writes it: fields separated by commas, lines ended by CRLF. */

export type CsvValue = string | number | boolean | null;

const NEEDS_QUOTES = /[",\r\n]/;

/** A field, quoted (with its quotes doubled) when it holds a comma, a quote, CR or LF; null is an empty field. */
export function csvField(value: CsvValue): string {
  if (value === null) return "";
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

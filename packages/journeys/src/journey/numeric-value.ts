/**
 * A conversion's worth as senders write it: a finite number, or a numeric string ("20", " 19.90 ",
 * "1e3") as form posts, CSV imports and some SDKs send it. Anything else (words, "", "20 EUR",
 * NaN, Infinity) has no value.
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

export function numericValue(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (!DECIMAL.test(text)) return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

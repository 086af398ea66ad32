/**
 * Values that reach identify() from broken forms and templates and are never a real person.
 * Accepting them would merge every such visitor into one giant "customer".
 */
export const PLACEHOLDER_CUSTOMER_IDS = [
  "null",
  "undefined",
  "anonymous",
  "guest",
  "0",
  "nan",
  "[object object]",
  "true",
  "false",
  "none",
  "nil",
  "-1",
];

/**
 * Why a customer id is not acceptable, or null when it is. Plain code without zod: the SDK
 * bundles it, so the browser refuses exactly what the collector refuses.
 */
export function customerIdProblem(id: string): string | null {
  const trimmed = id.trim();
  if (trimmed.length === 0) return "must not be empty or blank";
  if (trimmed !== id) return "must not start or end with white space";
  if (PLACEHOLDER_CUSTOMER_IDS.includes(trimmed.toLowerCase())) return `"${id}" is a placeholder, not a customer id`;
  return null;
}

import type { ProtocolLimits } from "./limits.js";
import type { FieldError, FlatValue, Properties } from "./types.js";

/** Items of one array property at most: an e-commerce order's products[]. */
export const MAX_ARRAY_ITEMS = 100;

/** Keys that would reach an object's prototype if anyone ever copied properties naively. */
const FORBIDDEN_KEYS = ["__proto__", "constructor", "prototype"];

const VALUE_RULE = `values must be a string, number, boolean or null, an object of those, or an array of at most ${MAX_ARRAY_ITEMS} of either`;

/** Plain objects only: a Date, Map or class instance would turn into {} or worse on the wire. */
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));

/** Why a single value is not a flat JSON value, "" when it is one. */
function flatProblem(value: unknown, limits: ProtocolLimits): string {
  if (typeof value === "string") {
    if (value.length > limits.maxStringLength) return `strings must be at most ${limits.maxStringLength} characters`;
    return value.isWellFormed?.() === false ? "must be well-formed Unicode (no lone surrogates)" : "";
  }
  if (typeof value === "number") return Number.isFinite(value) ? "" : "numbers must be finite";
  return typeof value === "boolean" || value === null ? "" : VALUE_RULE;
}

/**
 * Properties and traits as the protocol takes them: keys of 1 to 64 characters; string, number,
 * boolean or null values; one level of nesting (an object of such values); arrays of at most 100
 * such values or flat objects (`products: [{ sku, price }]`). Returns a copy holding what keeps
 * the rules; every problem is added to `issues` with its dotted path. The collector rejects an
 * event with any issue; the SDK sends the copy and reports the issues. `undefined` values are
 * left out without an issue, as JSON leaves them out.
 */
export function readProperties(value: unknown, limits: ProtocolLimits, issues: FieldError[], path = "", depth = 0): Properties {
  const out: Record<string, unknown> = {};
  const issue = (at: string, message: string) => void issues.push({ path: at, message });
  if (!isRecord(value)) {
    issue(path, depth ? VALUE_RULE : "must be a JSON object");
    return out as Properties;
  }
  const keys = Object.keys(value);
  if (keys.length > limits.maxPropertyKeys) {
    issue(path, `must have at most ${limits.maxPropertyKeys} keys`);
    return out as Properties;
  }
  for (const key of keys) {
    const at = path ? `${path}.${key}` : key;
    const v = value[key];
    if (FORBIDDEN_KEYS.includes(key)) {
      issue(at, `"${key}" is not allowed as a key`);
    } else if (!key || key.length > limits.maxNameLength || key.isWellFormed?.() === false) {
      issue(at, `keys must be 1 to ${limits.maxNameLength} characters of well-formed Unicode`);
    } else if (v !== undefined) {
      const problem = flatProblem(v, limits);
      if (!problem) out[key] = v;
      else if (depth || problem !== VALUE_RULE) issue(at, problem);
      else if (isRecord(v)) out[key] = readProperties(v, limits, issues, at, 1);
      else if (!Array.isArray(v) || v.length > MAX_ARRAY_ITEMS) issue(at, VALUE_RULE);
      else {
        out[key] = v.map((item, i) => {
          const problem = flatProblem(item, limits);
          if (problem === VALUE_RULE) return readProperties(item, limits, issues, `${at}.${i}`, 1);
          if (problem) issue(`${at}.${i}`, problem);
          return problem ? null : (item as FlatValue);
        });
      }
    }
  }
  return out as Properties;
}

import { DEFAULT_LIMITS } from "@touchpoint/protocol/limits";

/**
 * Hostile strings and the documented rules that decide whether a field takes them. The rules are
 * restated here from the protocol's documentation (issue 2 and DESIGN.md), not imported, so the
 * fuzz test checks the collector against the rules rather than against itself.
 */
export const UNICODE_EDGES: readonly string[] = [
  "\u0000",
  "a\u0000b",
  "\u0001\u001f",
  "\u007f",
  "\u0085",
  "\u001b[31mred\u001b[0m",
  "line\r\nInjected: header",
  "\t",
  "\u200f",
  "\u200e",
  "\u202e",
  "\u202eevil\u202c",
  "\u2066isolate\u2069",
  "\ufeff",
  "\ufeffbom",
  "\u200b",
  "\u200d",
  "\u00a0",
  "\u00a0padded\u00a0",
  "\u2028",
  "\u2029",
  "\ufffe",
  "\uffff",
  "\ufffd",
  "\u{10ffff}",
  "\u{1f600}",
  "\u{1f468}\u200d\u{1f469}\u200d\u{1f467}",
  "e\u0301",
  "\u0301",
  "Z\u0334\u0321\u031b\u034ea\u0336l\u0335g\u0337o\u0338",
  "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
  "\u05e2\u05d1\u05e8\u05d9\u05ea",
  "\u{1d54b}\u{1d560}\u{1d566}\u{1d554}\u{1d559}",
  "\ud800",
  "\udfff",
  "\udc00\ud800",
  "a\ud83d",
  "\ud83db",
];

export const SQL_LOOKING: readonly string[] = [
  "'); DROP TABLE events;--",
  '" OR 1=1 --',
  "1; DELETE FROM sites",
  "' UNION SELECT write_key FROM sites --",
  "Robert'); DROP TABLE students;--",
  "%' AND 1=0 UNION ALL SELECT sqlite_version() --",
  "'; ATTACH DATABASE '/tmp/pwned.db' AS pwned;--",
  "x' || (SELECT hex(randomblob(8))) || '",
  "?1 ?2 :name @p $x",
  "%",
  "_",
  "\\",
  "\\'",
  "NULL",
];

/** Keys that are harmless on a plain object and must be stored as given. */
export const PROTOTYPE_LOOKALIKE_KEYS: readonly string[] = [
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "__defineGetter__",
  "__lookupGetter__",
];
/** Keys the protocol refuses in properties and traits. */
export const FORBIDDEN_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

const CONTROL = /[\u0000-\u001f\u007f]/;
const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const PLACEHOLDER_CUSTOMER_IDS = new Set([
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
]);
const { maxIdLength, maxNameLength, maxStringLength } = DEFAULT_LIMITS;

/** id, anonymousId, sessionId: 1 to 64 characters, no control characters, no lone surrogates. */
export function isIdentifier(s: string): boolean {
  return s.length >= 1 && s.length <= maxIdLength && !CONTROL.test(s) && s.isWellFormed();
}

/** An identifier that is not blank, not padded with white space and not a placeholder like "guest". */
export function isCustomerId(s: string): boolean {
  return isIdentifier(s) && s.trim() === s && s.length > 0 && !PLACEHOLDER_CUSTOMER_IDS.has(s.toLowerCase());
}

/** A page or touchpoint name: snake_case, or words such as "Order Completed" stored as snake_case. */
const NAME_WORDS = /^[A-Za-z][A-Za-z0-9]*(?:[ _.:/-]+[A-Za-z0-9]+)*$/;

/** The snake_case form the collector stores a name as ("Order Completed" is order_completed). */
export function snakeCaseOf(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[ _.:/-]+/g, "_")
    .toLowerCase();
}

export function isEventName(s: string): boolean {
  return s.length <= maxNameLength && NAME_WORDS.test(s) && snakeCaseOf(s).length <= maxNameLength;
}

/** context.channel: snake_case only. */
export function isChannel(s: string): boolean {
  return s.length <= maxNameLength && SNAKE_CASE.test(s);
}

/** Strings in properties, traits and context: well-formed Unicode up to a length. */
export function isText(s: string, max = maxStringLength): boolean {
  return s.length <= max && s.isWellFormed();
}

export function isPropertyKey(s: string): boolean {
  return s.length >= 1 && s.length <= maxNameLength && s.isWellFormed() && !FORBIDDEN_KEYS.includes(s);
}

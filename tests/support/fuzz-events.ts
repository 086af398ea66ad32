import { RawJson } from "./fuzz-raw-json.js";
import {
  FORBIDDEN_KEYS,
  PROTOTYPE_LOOKALIKE_KEYS,
  SQL_LOOKING,
  UNICODE_EDGES,
  isChannel,
  isCustomerId,
  isEventName,
  isIdentifier,
  isPropertyKey,
  isText,
  snakeCaseOf,
} from "./fuzz-strings.js";
import type { SeededRandom } from "./process-random.js";

/**
 * What the collector must do with one event of a batch: store it (valid), refuse it by index
 * (invalid), count it as a duplicate of an earlier one in the same batch, or either of the first
 * two where the documentation leaves the choice open (unknown keys, undecodable bytes).
 */
export type Verdict = "valid" | "invalid" | "either" | "duplicate";

/** The stored row of a valid event, field by field. */
export interface ExpectedRow {
  type: string;
  /** Absent for identify events, whose stored name the protocol does not fix. */
  name?: string;
  anonymousId: string | null;
  customerId?: string;
  properties: Record<string, unknown>;
}

export interface PlannedEvent {
  id: string | null;
  verdict: Verdict;
  expected?: ExpectedRow;
}

/** One generated event: the value put in the batch, what must happen to it, and what it does to the whole body. */
export interface EventPlan {
  value: unknown;
  planned: PlannedEvent;
  /** Set when the event's raw bytes decide the whole request (a raw NUL breaks the JSON: 400). */
  bodyStatuses?: readonly number[];
}

type Json = Record<string, unknown>;
type Mutation = (
  event: Json,
  kind: EventKind,
) => Omit<EventPlan, "planned"> & { verdict: Verdict; id?: string | null; properties?: Record<string, unknown> };
type EventKind = "touchpoint" | "page" | "identify";

const WRONG_TYPES: readonly unknown[] = [null, true, 0, -1, 1.5, 1e308, "", "x", [], [1], {}, { a: 1 }];
const NAMES = ["banner_click", "catalog_view", "review_read", "chatbot_question", "purchase", "survey_answer"];

const isPlainObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isFlatValue = (v: unknown) =>
  v === null || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && isText(v));
const yes = (ok: boolean): Verdict => (ok ? "valid" : "invalid");
const str = (rule: (s: string) => boolean) => (v: unknown) => yes(typeof v === "string" && rule(v));
/** An object with unknown keys: the protocol does not say whether they are dropped or refused. */
const looseObject = (v: unknown): Verdict => (!isPlainObject(v) ? "invalid" : Object.keys(v).length === 0 ? "valid" : "either");
/** A property value: flat, an object of flat values, or an array of at most 100 flat values or such objects. */
const isFlatObject = (v: unknown) => isPlainObject(v) && Object.values(v).every(isFlatValue);
const isPropertyValue = (v: unknown) =>
  isFlatValue(v) || isFlatObject(v) || (Array.isArray(v) && v.length <= 100 && v.every((item) => isFlatValue(item) || isFlatObject(item)));
const propertiesObject = (v: unknown) => yes(isPlainObject(v) && Object.values(v).every(isPropertyValue));

/** Which values each field takes, by the documented rules. */
const FIELD_RULES: readonly (readonly [string[], (v: unknown) => Verdict])[] = [
  [["id"], str(isIdentifier)],
  [["type"], () => "invalid"],
  [["name"], str(isEventName)],
  [["anonymousId"], str(isIdentifier)],
  [["customerId"], str(isCustomerId)],
  [["sessionId"], str(isIdentifier)],
  [["timestamp"], () => "invalid"],
  [["properties"], propertiesObject],
  [["properties", "price"], (v) => yes(isPropertyValue(v))],
  [["context"], looseObject],
  [["context", "url"], str((s) => isText(s))],
  [["context", "referrer"], str((s) => isText(s))],
  [["context", "title"], str((s) => isText(s, 512))],
  [["context", "locale"], str((s) => isText(s, 35))],
  [["context", "channel"], str(isChannel)],
  [["context", "screen"], () => "invalid"],
  [["context", "screen", "width"], (v) => yes(typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 100_000)],
  [["context", "utm"], looseObject],
  [["context", "utm", "campaign"], str((s) => isText(s, 256))],
  [["context", "clickId"], looseObject],
  [["context", "clickId", "gclid"], str((s) => isText(s, 512))],
];

/** Fields a hostile string can land in, and the rule for each. */
const STRING_FIELDS: readonly (readonly [string[], (s: string) => boolean])[] = [
  [["id"], isIdentifier],
  [["anonymousId"], isIdentifier],
  [["customerId"], isCustomerId],
  [["sessionId"], isIdentifier],
  [["name"], isEventName],
  [["properties", "note"], (s) => isText(s)],
  [["context", "url"], (s) => isText(s)],
  [["context", "title"], (s) => isText(s, 512)],
  [["context", "utm", "campaign"], (s) => isText(s, 256)],
  [["context", "channel"], isChannel],
];

function setPath(target: Json, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Json;
  }
  node[path[path.length - 1]!] = value;
}

function deletePath(target: Json, path: readonly string[]): void {
  let node: unknown = target;
  for (const key of path.slice(0, -1)) node = isPlainObject(node) ? node[key] : undefined;
  if (isPlainObject(node)) delete node[path[path.length - 1]!];
}

/** An own enumerable key even for "__proto__", exactly as JSON.parse makes it. */
function defineKey(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function rawUtf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Raw byte sequences put inside a JSON string: broken UTF-8 of every kind, and some that are fine. */
const RAW_BYTES: readonly Buffer[] = [
  [0xed, 0xa0, 0x80], // UTF-8 of a lone high surrogate
  [0xed, 0xbf, 0xbf], // UTF-8 of a lone low surrogate
  [0xc0, 0xaf], // overlong "/"
  [0xc1, 0xbf],
  [0xe0, 0x80, 0xaf], // overlong "/" in three bytes
  [0xf0, 0x80, 0x80, 0xaf], // overlong "/" in four bytes
  [0xf8, 0x88, 0x80, 0x80, 0x80], // five-byte form
  [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
  [0xff],
  [0xfe],
  [0x80],
  [0xe2, 0x82], // truncated euro sign
  [0xef, 0xbb, 0xbf], // BOM inside a string
  [0x7f],
  [0xf0, 0x9f, 0x98, 0x80], // a real emoji
  [0x00],
  [0x01],
  [0x1f],
  [0x0a],
].map((bytes) => Buffer.from(bytes));

const RAW_NUMBERS = [
  "1e999",
  "-1e999",
  "1e-999",
  "-0",
  "123456789012345678901234567890",
  "1".repeat(400),
  "0.1e-1000",
  "1E+2",
  "9007199254740993",
];

export class EventFactory {
  constructor(
    private readonly random: SeededRandom,
    private readonly newId: () => string,
  ) {}

  /** A valid event of a random kind, as the SDK sends it. */
  base(kind: EventKind = this.random.pick(["touchpoint", "touchpoint", "page", "identify"] as const)): Json {
    const event: Json = {
      id: this.newId(),
      type: kind,
      anonymousId: `anon-${this.newId()}`,
      timestamp: new Date().toISOString(),
      context: {
        url: "https://shop.example/catalog?utm_source=news",
        path: "/catalog",
        title: "Catalog",
        locale: "de-DE",
        screen: { width: 1280, height: 720 },
        utm: { source: "news", medium: "email", campaign: "winter" },
        clickId: { gclid: "abc123" },
      },
    };
    if (kind === "touchpoint") event.name = this.random.pick(NAMES);
    if (kind === "identify") {
      event.customerId = `cust-${this.newId()}`;
      event.traits = { plan: "pro", seats: 3 };
    } else {
      event.properties = { price: 19.99, sku: "SKU-1", inStock: true, coupon: null };
    }
    return event;
  }

  valid(kind?: EventKind): EventPlan {
    const event = this.base(kind);
    return { value: event, planned: { id: event.id as string, verdict: "valid", expected: expectedRow(event) } };
  }

  /** The smallest valid event: a page view with ids and a time only. */
  small(): EventPlan {
    const event: Json = { id: this.newId(), type: "page", anonymousId: `anon-${this.newId()}`, timestamp: new Date().toISOString() };
    return { value: event, planned: { id: event.id as string, verdict: "valid", expected: expectedRow(event) } };
  }

  /** An event broken (or made strange but valid) in one way. */
  mutated(): EventPlan {
    const kind = this.random.pick(["touchpoint", "touchpoint", "page", "identify"] as const);
    const event = this.base(kind);
    const mutation = this.random.weighted<Mutation>([
      [10, this.wrongType],
      [4, this.missingField],
      [10, this.hostileString],
      [4, this.rawBytes],
      [2, this.rawNumber],
      [5, this.prototypeKey],
      [2, this.lookalikeKey],
      [3, this.oversize],
      [1, this.deepNesting],
      [1, this.notAnObject],
    ]);
    const outcome = mutation(event, kind);
    const id = outcome.id !== undefined ? outcome.id : typeof event.id === "string" ? event.id : null;
    const planned: PlannedEvent = { id, verdict: outcome.verdict };
    if (outcome.verdict === "valid")
      planned.expected = { ...expectedRow(outcome.value as Json), ...(outcome.properties && { properties: outcome.properties }) };
    return { value: outcome.value, planned, ...(outcome.bodyStatuses && { bodyStatuses: outcome.bodyStatuses }) };
  }

  private wrongType: Mutation = (event, kind) => {
    const [path, rule] = this.random.pick(FIELD_RULES);
    let value = structuredClone(this.random.pick(WRONG_TYPES));
    // A valid id must still be unique in the run, or later events would count as duplicates.
    if (path[0] === "id" && value === "x") value = `x${this.newId()}`;
    setPath(event, path, value);
    // Identify events have no name: the key is unknown to them.
    return { value: event, verdict: path[0] === "name" && kind === "identify" ? "either" : rule(value) };
  };

  private missingField: Mutation = (event, kind) => {
    const field = this.random.pick(["id", "type", "timestamp", "anonymousId", "name", "customerId", "properties", "context"]);
    const required =
      ["id", "type", "timestamp", "anonymousId"].includes(field) ||
      (field === "name" && kind === "touchpoint") ||
      (field === "customerId" && kind === "identify");
    deletePath(event, [field]);
    return { value: event, verdict: required ? "invalid" : "valid" };
  };

  private hostileString: Mutation = (event, kind) => {
    const fields = STRING_FIELDS.filter(([path]) => !(kind === "identify" && (path[0] === "name" || path[0] === "properties")));
    const [path, rule] = this.random.pick(fields);
    const sample = this.random.pick(this.random.chance(0.7) ? UNICODE_EDGES : SQL_LOOKING);
    // Ids must stay unique across the run: the hostile text leads, a unique tail follows.
    const unique = ["id", "anonymousId", "customerId", "sessionId"].includes(path[0]!);
    const value = unique ? `${sample}${this.newId().slice(-12)}` : this.random.chance(0.5) ? sample : `a${sample}z`;
    if (path[0] === "properties" && this.random.chance(0.4)) {
      // The hostile text as a property key instead of a value.
      (event.properties as Json)[value] = "v";
      return { value: event, verdict: yes(isPropertyKey(value)) };
    }
    setPath(event, path, value);
    return { value: event, verdict: yes(rule(value)) };
  };

  private rawBytes: Mutation = (event, kind) => {
    const bytes = this.random.pick(RAW_BYTES);
    const target = kind === "identify" ? "traits" : "properties";
    (event[target] as Json).note = RawJson.stringWith("a", bytes, "z");
    const decoded = rawUtf8(bytes);
    if (decoded === null) return { value: event, verdict: "either", bodyStatuses: [200, 400] };
    // A raw control character inside a JSON string makes the whole body invalid JSON.
    if (/[\u0000-\u001f]/.test(decoded)) return { value: event, verdict: "invalid", bodyStatuses: [400] };
    const properties = target === "properties" ? { ...(event.properties as Json), note: `a${decoded}z` } : undefined;
    return { value: event, verdict: "valid", ...(properties && { properties }) };
  };

  private rawNumber: Mutation = (event, kind) => {
    const literal = this.random.pick(RAW_NUMBERS);
    const target = kind === "identify" ? "traits" : "properties";
    (event[target] as Json).amount = RawJson.text(literal);
    const parsed = JSON.parse(literal) as number;
    if (!Number.isFinite(parsed)) return { value: event, verdict: "invalid" };
    const properties =
      target === "properties" ? { ...(event.properties as Json), amount: JSON.parse(JSON.stringify(parsed)) as number } : undefined;
    return { value: event, verdict: "valid", ...(properties && { properties }) };
  };

  private prototypeKey: Mutation = (event, kind) => {
    const key = this.random.pick(FORBIDDEN_KEYS);
    const value = structuredClone(
      this.random.pick<unknown>([{ polluted: true }, null, "x", 1, [], { toString: "x" }, { writeKey: "stolen" }]),
    );
    const level = this.random.pick(
      kind === "identify"
        ? ["event", "traits", "context", "context.utm"]
        : ["event", "properties", "context", "context.utm", "context.screen", "context.clickId"],
    );
    if (level === "event") {
      defineKey(event, key, value);
      return { value: event, verdict: "either" };
    }
    let node = event;
    for (const part of level.split(".")) node = node[part] as Json;
    defineKey(node, key, value);
    return { value: event, verdict: level === "properties" || level === "traits" ? "invalid" : "either" };
  };

  private lookalikeKey: Mutation = (event, kind) => {
    const target = kind === "identify" ? "traits" : "properties";
    const key = this.random.pick(PROTOTYPE_LOOKALIKE_KEYS);
    (event[target] as Json)[key] = this.random.pick(["x", 1, true, null]);
    return { value: event, verdict: "valid" };
  };

  private oversize: Mutation = (event, kind) => {
    const target = kind === "identify" ? "traits" : "properties";
    const variant = this.random.int(0, 7);
    switch (variant) {
      case 0:
      case 1: {
        const length = variant === 0 ? 2000 : 2001;
        (event[target] as Json).long = "x".repeat(length);
        return { value: event, verdict: yes(length <= 2000) };
      }
      case 2:
      case 3: {
        const count = variant === 2 ? 100 : 101;
        event[target] = Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]));
        return { value: event, verdict: yes(count <= 100) };
      }
      case 4:
        // Every string within its limit, the event as a whole over 32 KB.
        event[target] = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, "y".repeat(2000)]));
        return { value: event, verdict: "invalid" };
      case 5: {
        const id = (event.id as string).padEnd(this.random.pick([64, 65]), "x");
        event.id = id;
        return { value: event, verdict: yes(id.length <= 64), id };
      }
      case 6:
        event.anonymousId = "a".repeat(this.random.pick([64, 65, 100_000]));
        return { value: event, verdict: yes((event.anonymousId as string).length <= 64) };
      default:
        (event[target] as Json)["k".repeat(this.random.pick([64, 65, 10_000]))] = 1;
        return { value: event, verdict: yes(Object.keys(event[target] as Json).every((k) => k.length <= 64)) };
    }
  };

  private deepNesting: Mutation = (event, kind) => {
    const shape = this.random.pick(["array", "object"] as const);
    const depth = this.random.pick(shape === "array" ? [100, 1_000, 10_000, 100_000] : [100, 1_000, 10_000, 20_000]);
    const where = this.random.pick(
      kind === "identify" ? ["traits", "context", "context.url"] : ["properties.deep", "properties", "context", "context.url"],
    );
    setPath(event, where.split("."), RawJson.nested(depth, shape));
    // A context of nested objects is an unknown key "a" in context: dropped or refused.
    return { value: event, verdict: where === "context" && shape === "object" ? "either" : "invalid" };
  };

  private notAnObject: Mutation = () => {
    const value = this.random.pick<unknown>([
      null,
      1,
      "event",
      true,
      [],
      [{}],
      RawJson.nested(this.random.pick([1_000, 100_000]), "array"),
    ]);
    return { value, verdict: "invalid", id: null };
  };
}

/** The row a valid event must become (the fields the fuzz test compares). */
export function expectedRow(event: Json): ExpectedRow {
  const row: ExpectedRow = {
    type: event.type as string,
    anonymousId: (event.anonymousId as string | undefined) ?? null,
    properties: (event.properties as Record<string, unknown> | undefined) ?? {},
  };
  if (event.type !== "identify") row.name = snakeCaseOf((event.name as string | undefined) ?? "page_view");
  if (typeof event.customerId === "string") row.customerId = event.customerId;
  return row;
}

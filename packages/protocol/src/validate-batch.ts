import type { z } from "zod";
import { DEFAULT_LIMITS, type ProtocolLimits } from "./limits.js";
import { plainValidEnvelope, plainValidEvent } from "./plain-valid-event.js";
import { envelopeSchema, eventSchema, type ValidEvent } from "./schemas.js";
import type { BatchEnvelope, FieldError, RejectedEvent } from "./types.js";

/**
 * Who sent the batch. Browsers (public write key) must say which anonymous browser an event
 * came from; server-side sources (secret key) may send events that carry only a customer id.
 */
export type EventSource = "browser" | "server";

/** Why an envelope is refused: more events than the limit allows, or fields that do not fit (each named). */
export type EnvelopeRefusal =
  | { reason: "too_many_events"; limit: number; count: number }
  | { reason: "invalid_envelope"; issues: FieldError[] };

export type EnvelopeResult = { ok: true; envelope: BatchEnvelope } | { ok: false; refusal: EnvelopeRefusal };

export type EventResult = { ok: true; event: ValidEvent } | { ok: false; rejected: RejectedEvent };

export interface BatchValidator {
  limits: ProtocolLimits;
  parseEnvelope(value: unknown): EnvelopeResult;
  validateEvent(raw: unknown, index: number, source: EventSource): EventResult;
}

/** UTF-8 length of a string, counted without encoding it (TextEncoder's copy was a third of checking an event's size). */
export function utf8Bytes(s: string): number {
  let bytes = s.length;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) {
      bytes += 1;
    } else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: two units, four bytes.
      bytes += 2;
      i++;
    } else {
      // Three bytes, lone surrogates included (encoded as U+FFFD).
      bytes += 2;
    }
  }
  return bytes;
}

export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** Bytes of one UTF-16 unit in JSON at most: a \uXXXX escape (control characters, lone surrogates). */
const MAX_UNIT_BYTES = 6;
/** Characters of a number in JSON at most, e.g. -1.7976931348623157e+308. */
const MAX_NUMBER_CHARS = 24;
/** Levels of nesting a valid event never reaches (event, context, utm); deeper data is measured exactly. */
const MAX_BOUNDED_DEPTH = 8;

/**
 * An upper bound of the UTF-8 bytes of `JSON.stringify(value)`, counted without serialising it:
 * plain objects, arrays, strings, numbers, booleans and null only. Infinity for anything else
 * (class instances, toJSON, bigint, deep nesting) and as soon as the bound passes `budget`, so
 * that the caller measures such a value exactly.
 */
export function jsonBytesBound(value: unknown, budget: number, depth = 0): number {
  switch (typeof value) {
    case "string":
      return 2 + MAX_UNIT_BYTES * value.length;
    case "number":
      return MAX_NUMBER_CHARS;
    case "boolean":
      return 5;
    case "object":
      break;
    default:
      return Number.POSITIVE_INFINITY;
  }
  if (value === null) return 4;
  if (depth >= MAX_BOUNDED_DEPTH) return Number.POSITIVE_INFINITY;
  let bytes = 2;
  if (Array.isArray(value)) {
    for (const item of value) {
      bytes += 1 + jsonBytesBound(item, budget - bytes, depth + 1);
      if (bytes > budget) return Number.POSITIVE_INFINITY;
    }
    return bytes;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return Number.POSITIVE_INFINITY;
  for (const key of Object.keys(value)) {
    // "key": value, with the comma.
    bytes += 4 + MAX_UNIT_BYTES * key.length + jsonBytesBound((value as Record<string, unknown>)[key], budget - bytes, depth + 1);
    if (bytes > budget) return Number.POSITIVE_INFINITY;
  }
  return bytes;
}

/**
 * The event's UTF-8 size as JSON when it is above `maxBytes`, 0 when it is within; null when it
 * nests so deeply that serialising it overflows the stack. Most events are far within the limit,
 * which a bound shows without serialising them (serialising was a third of validating an event).
 */
function oversizeBytes(raw: unknown, maxBytes: number): number | null {
  if (jsonBytesBound(raw, maxBytes) <= maxBytes) return 0;
  let json: string;
  try {
    json = JSON.stringify(raw) ?? "";
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
  // A UTF-16 unit takes at most 3 UTF-8 bytes, so most events need no counting at all.
  if (json.length * 3 <= maxBytes) return 0;
  const bytes = utf8Bytes(json);
  return bytes > maxBytes ? bytes : 0;
}

function readableId(raw: unknown): string | null {
  if (typeof raw !== "object" || raw === null) return null;
  const id = (raw as { id?: unknown }).id;
  return typeof id === "string" && id.length <= 64 ? id : null;
}

export function createBatchValidator(overrides: Partial<ProtocolLimits> = {}): BatchValidator {
  const limits: ProtocolLimits = { ...DEFAULT_LIMITS, ...overrides };
  const envelope = envelopeSchema(limits);
  const event = eventSchema(limits);

  function parseEnvelope(value: unknown): EnvelopeResult {
    const events = (value as { events?: unknown } | null)?.events;
    if (Array.isArray(events) && events.length > limits.maxEventsPerBatch) {
      return { ok: false, refusal: { reason: "too_many_events", limit: limits.maxEventsPerBatch, count: events.length } };
    }
    const plain = plainValidEnvelope(value, limits);
    if (plain !== undefined) return { ok: true, envelope: plain };
    const parsed = envelope.safeParse(value);
    if (parsed.success) return { ok: true, envelope: parsed.data };
    return { ok: false, refusal: { reason: "invalid_envelope", issues: toFieldErrors(parsed.error.issues) } };
  }

  function validateEvent(raw: unknown, index: number, source: EventSource): EventResult {
    const reject = (errors: FieldError[]): EventResult => ({ ok: false, rejected: { index, id: readableId(raw), errors } });
    const bytes = oversizeBytes(raw, limits.maxEventBytes);
    if (bytes === null) return reject([{ path: "", message: "is nested too deeply to be an event" }]);
    if (bytes > 0) {
      return reject([{ path: "", message: `an event is at most ${limits.maxEventBytes} bytes; this one is ${bytes}` }]);
    }
    let e = plainValidEvent(raw, limits);
    if (e === undefined) {
      const parsed = event.safeParse(raw);
      if (!parsed.success) return reject(toFieldErrors(parsed.error.issues));
      e = parsed.data;
    }
    if (source === "browser" && e.anonymousId === undefined) {
      return reject([{ path: "anonymousId", message: "is required with the public write key (server-side sources use the secret key)" }]);
    }
    if (e.anonymousId === undefined && e.customerId === undefined) {
      return reject([{ path: "customerId", message: "an event needs an anonymousId or a customerId" }]);
    }
    return { ok: true, event: e };
  }

  return { limits, parseEnvelope, validateEvent };
}

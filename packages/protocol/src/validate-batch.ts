import type { z } from "zod";
import { DEFAULT_LIMITS, type ProtocolLimits } from "./limits.js";
import { envelopeSchema, eventSchema, type ValidEvent } from "./schemas.js";
import type { BatchEnvelope, ErrorBody, FieldError, RejectedEvent } from "./types.js";

/**
 * Who sent the batch. Browsers (public write key) must say which anonymous browser an event
 * came from; server-side sources (secret key) may send events that carry only a customer id.
 */
export type EventSource = "browser" | "server";

export type EnvelopeResult =
  | { ok: true; envelope: BatchEnvelope }
  | { ok: false; status: 400 | 413; body: ErrorBody };

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

/**
 * The event's UTF-8 size as JSON when it is above `maxBytes`, 0 when it is within; null when it
 * nests so deeply that serialising it overflows the stack.
 */
function oversizeBytes(raw: unknown, maxBytes: number): number | null {
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
      return {
        ok: false,
        status: 413,
        body: { error: { code: "too_many_events", message: `a batch holds at most ${limits.maxEventsPerBatch} events; this one has ${events.length}` } },
      };
    }
    const parsed = envelope.safeParse(value);
    if (parsed.success) return { ok: true, envelope: parsed.data };
    return {
      ok: false,
      status: 400,
      body: { error: { code: "invalid_envelope", message: "the batch envelope is invalid", issues: toFieldErrors(parsed.error.issues) } },
    };
  }

  function validateEvent(raw: unknown, index: number, source: EventSource): EventResult {
    const reject = (errors: FieldError[]): EventResult => ({ ok: false, rejected: { index, id: readableId(raw), errors } });
    const bytes = oversizeBytes(raw, limits.maxEventBytes);
    if (bytes === null) return reject([{ path: "", message: "is nested too deeply to be an event" }]);
    if (bytes > 0) {
      return reject([{ path: "", message: `an event is at most ${limits.maxEventBytes} bytes; this one is ${bytes}` }]);
    }
    const parsed = event.safeParse(raw);
    if (!parsed.success) return reject(toFieldErrors(parsed.error.issues));
    const e = parsed.data;
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

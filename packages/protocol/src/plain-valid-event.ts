/**
 * The ingest hot path's check, in plain code: zod's tree of schemas was the largest part of
 * validating an event. It answers only for events that are plainly valid, with exactly what
 * eventSchema and envelopeSchema output for them (known keys in the schema's order, unknown ones
 * dropped, the page name defaulted); for anything else it answers undefined and zod decides and
 * words the errors. plain-valid-event.test.ts holds it to the schemas over a table of inputs.
 */
import { z } from "zod";
import { customerIdProblem } from "./customer-id.js";
import type { ProtocolLimits } from "./limits.js";
import { DEFAULT_PAGE_NAME, SNAKE_CASE } from "./names.js";
import { readProperties } from "./properties.js";
import type { ValidEvent } from "./schemas.js";
import type { BatchEnvelope, FieldError } from "./types.js";

// The same rules as schemas.ts.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const ISO_DATE_TIME = z.regexes.datetime({ offset: true, local: false, precision: null });
const UTM_KEYS = ["source", "medium", "campaign", "term", "content"] as const;

type Json = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

const isText = (value: unknown, max: number): value is string => typeof value === "string" && value.length <= max && value.isWellFormed();

const isIdentifier = (value: unknown, limits: ProtocolLimits): value is string =>
  typeof value === "string" &&
  value.length >= 1 &&
  value.length <= limits.maxIdLength &&
  !CONTROL_CHARS.test(value) &&
  value.isWellFormed();

const isTimestamp = (value: unknown): value is string => typeof value === "string" && ISO_DATE_TIME.test(value);

const isScreenSide = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 100_000;

function hasValidProperties(value: unknown, limits: ProtocolLimits): boolean {
  const issues: FieldError[] = [];
  readProperties(value, limits, issues);
  return issues.length === 0;
}

/** A key present with the value undefined: zod's output keeps such keys, this path leaves them to zod. */
const absentOrDefined = (object: Json, key: string): boolean => object[key] !== undefined || !(key in object);

/** The context as zod outputs it, or undefined when it is not plainly valid (click ids are left to zod). */
function plainContext(raw: unknown, limits: ProtocolLimits): Json | undefined {
  if (!isPlainObject(raw) || raw.clickId !== undefined || "clickId" in raw) return undefined;
  const out: Json = {};
  for (const key of ["url", "path", "referrer"] as const) {
    const value = raw[key];
    if (value === undefined) {
      if (!absentOrDefined(raw, key)) return undefined;
    } else if (isText(value, limits.maxStringLength)) out[key] = value;
    else return undefined;
  }
  for (const [key, max] of [
    ["title", 512],
    ["locale", 35],
  ] as const) {
    const value = raw[key];
    if (value === undefined) {
      if (!absentOrDefined(raw, key)) return undefined;
    } else if (isText(value, max)) out[key] = value;
    else return undefined;
  }
  const screen = raw.screen;
  if (screen !== undefined) {
    if (!isPlainObject(screen) || !isScreenSide(screen.width) || !isScreenSide(screen.height)) return undefined;
    out.screen = { width: screen.width, height: screen.height };
  } else if (!absentOrDefined(raw, "screen")) return undefined;
  const userAgent = raw.userAgent;
  if (userAgent !== undefined) {
    if (!isText(userAgent, 1024)) return undefined;
    out.userAgent = userAgent;
  } else if (!absentOrDefined(raw, "userAgent")) return undefined;
  const channel = raw.channel;
  if (channel !== undefined) {
    if (typeof channel !== "string" || channel.length > limits.maxNameLength || !SNAKE_CASE.test(channel)) return undefined;
    out.channel = channel;
  } else if (!absentOrDefined(raw, "channel")) return undefined;
  const utm = raw.utm;
  if (utm !== undefined) {
    if (!isPlainObject(utm)) return undefined;
    const plainUtm: Json = {};
    for (const key of UTM_KEYS) {
      const value = utm[key];
      if (value === undefined) {
        if (!absentOrDefined(utm, key)) return undefined;
      } else if (isText(value, 256)) plainUtm[key] = value;
      else return undefined;
    }
    out.utm = plainUtm;
  } else if (!absentOrDefined(raw, "utm")) return undefined;
  const originalName = raw.originalName;
  if (originalName !== undefined) {
    if (!isText(originalName, 256)) return undefined;
    out.originalName = originalName;
  } else if (!absentOrDefined(raw, "originalName")) return undefined;
  return out;
}

/**
 * The event as eventSchema outputs it, when it is plainly valid; undefined when zod must look
 * (an error, a name to rename, click ids, a key present with the value undefined).
 */
export function plainValidEvent(raw: unknown, limits: ProtocolLimits): ValidEvent | undefined {
  if (!isPlainObject(raw)) return undefined;
  const type = raw.type;
  if (type !== "page" && type !== "touchpoint" && type !== "identify") return undefined;
  const out: Json = {};
  if (!isIdentifier(raw.id, limits)) return undefined;
  out.id = raw.id;
  for (const key of ["anonymousId", "customerId", "sessionId"] as const) {
    const value = raw[key];
    if (value === undefined) {
      if (!absentOrDefined(raw, key) || (key === "customerId" && type === "identify")) return undefined;
    } else if (isIdentifier(value, limits) && (key !== "customerId" || customerIdProblem(value) === null)) out[key] = value;
    else return undefined;
  }
  if (!isTimestamp(raw.timestamp)) return undefined;
  out.timestamp = raw.timestamp;
  const properties = raw.properties;
  if (properties !== undefined) {
    if (!hasValidProperties(properties, limits)) return undefined;
    out.properties = properties;
  } else if (!absentOrDefined(raw, "properties")) return undefined;
  if (raw.context !== undefined) {
    const context = plainContext(raw.context, limits);
    if (context === undefined) return undefined;
    out.context = context;
  } else if (!absentOrDefined(raw, "context")) return undefined;
  out.type = type;
  if (type === "identify") {
    const traits = raw.traits;
    if (traits !== undefined) {
      if (!hasValidProperties(traits, limits)) return undefined;
      out.traits = traits;
    } else if (!absentOrDefined(raw, "traits")) return undefined;
    return out as ValidEvent;
  }
  const name = raw.name;
  if (name === undefined && type === "page" && absentOrDefined(raw, "name")) out.name = DEFAULT_PAGE_NAME;
  // A name in another form than snake_case is renamed by the schema's transform: zod's work.
  else if (typeof name === "string" && name.length <= limits.maxNameLength && SNAKE_CASE.test(name)) out.name = name;
  else return undefined;
  return out as ValidEvent;
}

/** The envelope as envelopeSchema outputs it, when it is plainly valid; undefined when zod must look. */
export function plainValidEnvelope(raw: unknown, limits: ProtocolLimits): BatchEnvelope | undefined {
  if (!isPlainObject(raw)) return undefined;
  const { writeKey, sentAt, events } = raw;
  if (typeof writeKey !== "string" || writeKey.length < 1 || writeKey.length > 128 || CONTROL_CHARS.test(writeKey)) return undefined;
  if (!isTimestamp(sentAt)) return undefined;
  if (!Array.isArray(events) || events.length < 1 || events.length > limits.maxEventsPerBatch) return undefined;
  return { writeKey, sentAt, events: [...events] };
}

/**
 * One message of Segment's tracking API (track, page, screen, identify, group, alias) as a
 * Touchpoint event, not yet validated: the collector's validator then applies Touchpoint's own
 * rules to it exactly as to its SDK's events. Pure: no clock, no I/O.
 */
import { CLICK_ID_PARAMS, snakeCaseName, type ClickIds, type EventContext, type FieldError, type Utm } from "@touchpoint/protocol";
import { SEGMENT_SPEC_NAMES, orderValue } from "./ecommerce-names.js";

export const SEGMENT_TYPES = ["track", "page", "screen", "identify", "group", "alias"] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];

export interface SegmentMapOptions {
  /** When the collector received the request (ms since the epoch). */
  receivedAt: number;
  /** The batch's sentAt, used for messages without their own. */
  batchSentAt?: unknown;
  /**
   * Shift the message's time by receivedAt - sentAt (the sender's clock error), as Segment does:
   * true for write-key (browser) senders; server senders' clocks are trusted, as on /v1/batch.
   */
  correctSkew: boolean;
  /** The type a single-message path implies (/v1/track, /v1/t), for messages without one. */
  pathType?: SegmentType;
}

export type SegmentMapResult = { ok: true; event: Record<string, unknown> } | { ok: false; id: string | null; errors: FieldError[] };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const objectOr = (value: unknown): Json => (isObject(value) ? value : {});
const stringOf = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
/** Segment ids may be numbers; Touchpoint's are strings. */
const idOf = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : typeof value === "number" && Number.isFinite(value) ? String(value) : undefined;

/** Defined entries only, so an absent Segment field never becomes a Touchpoint field. */
function defined<T extends Json>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** The event's time: the client's (originalTimestamp, else timestamp) plus the clock error, else the receipt. */
function eventTime(message: Json, options: SegmentMapOptions): number | FieldError {
  const sent = message.originalTimestamp ?? message.timestamp;
  if (sent === undefined) return options.receivedAt;
  const time = typeof sent === "string" ? Date.parse(sent) : Number.NaN;
  if (Number.isNaN(time))
    return { path: message.originalTimestamp === undefined ? "timestamp" : "originalTimestamp", message: "must be an ISO-8601 date-time" };
  if (!options.correctSkew) return time;
  const sentAt = message.sentAt ?? options.batchSentAt;
  const sentAtTime = typeof sentAt === "string" ? Date.parse(sentAt) : Number.NaN;
  return Number.isNaN(sentAtTime) ? time : time + (options.receivedAt - sentAtTime);
}

/** Ad click ids in the page URL's query (Segment's analytics.js does not lift them out). */
function clickIdsOf(url: string | undefined, search: string | undefined): ClickIds | undefined {
  let params: URLSearchParams;
  try {
    params = url !== undefined ? new URL(url).searchParams : new URLSearchParams(search ?? "");
  } catch {
    params = new URLSearchParams(search ?? "");
  }
  const found: ClickIds = {};
  for (const name of CLICK_ID_PARAMS) {
    const value = params.get(name);
    if (value) found[name] = value;
  }
  return Object.keys(found).length ? found : undefined;
}

/** context.page (or, for page calls, the properties analytics.js copies it to), userAgent, locale, screen, campaign. */
function contextOf(message: Json, type: SegmentType, properties: Json): EventContext {
  const context = objectOr(message.context);
  const page = { ...(type === "page" ? properties : {}), ...objectOr(context.page) };
  const campaign = objectOr(context.campaign);
  const utm: Utm = defined({
    source: stringOf(campaign.source),
    medium: stringOf(campaign.medium),
    campaign: stringOf(campaign.name),
    term: stringOf(campaign.term),
    content: stringOf(campaign.content),
  });
  const screen = objectOr(context.screen);
  const url = stringOf(page.url);
  return defined({
    url,
    path: stringOf(page.path),
    referrer: stringOf(page.referrer) || undefined,
    title: stringOf(page.title),
    locale: stringOf(context.locale),
    userAgent: stringOf(context.userAgent),
    screen:
      typeof screen.width === "number" && typeof screen.height === "number" ? { width: screen.width, height: screen.height } : undefined,
    utm: Object.keys(utm).length ? utm : undefined,
    clickId: clickIdsOf(url, stringOf(page.search)),
  });
}

/** The flat values of a Segment traits object: Touchpoint keeps one level below a trait. */
function flatValues(traits: Json): Json {
  return Object.fromEntries(
    Object.entries(traits).filter(([, value]) => value === null || ["string", "number", "boolean"].includes(typeof value)),
  );
}

/** The touchpoint name and properties of a track call: Segment's spec events become the stage model's. */
function trackedTouchpoint(event: string, properties: Json): { name: string; properties: Json; originalName?: string } {
  const mapped = SEGMENT_SPEC_NAMES[snakeCaseName(event) ?? ""];
  if (mapped === undefined) return { name: event, properties };
  const value = mapped === "purchase" && properties.value === undefined ? orderValue(properties) : undefined;
  return { name: mapped, properties: value === undefined ? properties : { ...properties, value }, originalName: event };
}

export function segmentToEvent(raw: unknown, options: SegmentMapOptions): SegmentMapResult {
  if (!isObject(raw)) return { ok: false, id: null, errors: [{ path: "", message: "must be a JSON object" }] };
  const id = idOf(raw.messageId);
  const fail = (path: string, message: string): SegmentMapResult => ({ ok: false, id: id ?? null, errors: [{ path, message }] });
  const type = (raw.type ?? options.pathType) as SegmentType;
  if (!SEGMENT_TYPES.includes(type)) return fail("type", `must be one of ${SEGMENT_TYPES.join(", ")}`);
  if (id === undefined) return fail("messageId", "is required: it is the event's id, which makes a retry a duplicate");
  const time = eventTime(raw, options);
  if (typeof time !== "number") return { ok: false, id, errors: [time] };
  if (Number.isNaN(new Date(time).getTime())) return fail("timestamp", "is out of range");

  const userId = idOf(raw.userId);
  const anonymousId = idOf(raw.anonymousId);
  const properties = objectOr(raw.properties);
  const context = contextOf(raw, type, properties);
  const base = { id, timestamp: new Date(time).toISOString(), anonymousId, customerId: userId };

  switch (type) {
    case "track": {
      const event = stringOf(raw.event);
      if (event === undefined) return fail("event", "is required: the name of what the user did");
      const touchpoint = trackedTouchpoint(event, properties);
      const withName = touchpoint.originalName === undefined ? context : { ...context, originalName: touchpoint.originalName };
      return {
        ok: true,
        event: defined({ ...base, type: "touchpoint", name: touchpoint.name, properties: touchpoint.properties, context: withName }),
      };
    }
    case "page":
    case "screen": {
      // The stage model places views by name page_view; Segment's page name and category stay properties.
      const named = defined({ name: stringOf(raw.name), category: stringOf(raw.category), ...properties });
      const name = type === "page" ? "page_view" : "screen_view";
      return { ok: true, event: defined({ ...base, type: "page", name, properties: named, context }) };
    }
    case "identify": {
      if (userId === undefined)
        return fail("userId", "is required: Touchpoint identifies a customer by userId (traits alone are not kept)");
      return { ok: true, event: defined({ ...base, type: "identify", traits: objectOr(raw.traits), context }) };
    }
    case "group": {
      if (userId === undefined) return fail("userId", "is required: the account is stored as a trait of the customer");
      const groupId = idOf(raw.groupId);
      if (groupId === undefined) return fail("groupId", "is required");
      const group = { ...flatValues(objectOr(raw.traits)), id: groupId };
      return { ok: true, event: defined({ ...base, type: "identify", traits: { group }, context }) };
    }
    case "alias": {
      if (userId === undefined) return fail("userId", "is required: the id the previous one becomes");
      const previousId = idOf(raw.previousId);
      if (previousId === undefined) return fail("previousId", "is required");
      // previousId is the browser's id until then: linked to the customer as identify links it.
      return { ok: true, event: defined({ ...base, anonymousId: previousId, type: "identify", context }) };
    }
  }
}

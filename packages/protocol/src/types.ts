/**
 * The wire format as plain TypeScript types, with no runtime code: the browser SDK imports these
 * (`@touchpoint/protocol/types`) so no zod reaches its bundle. schemas.ts is checked against them.
 */
import type { ClickIdParam, EventType } from "./names.js";

/** A JSON value without nesting. */
export type FlatValue = string | number | boolean | null;
/**
 * One level of nesting at most, so properties stay queryable: a flat value, an object of flat
 * values, or an array of at most 100 flat values or flat objects (e-commerce `products[]`).
 */
export type PropertyValue = FlatValue | Record<string, FlatValue> | (FlatValue | Record<string, FlatValue>)[];
export type Properties = Record<string, PropertyValue>;

export interface Utm {
  source?: string;
  medium?: string;
  campaign?: string;
  term?: string;
  content?: string;
}

export type ClickIds = Partial<Record<ClickIdParam, string>>;

export interface EventContext {
  /** Full URL of the page the event happened on. */
  url?: string;
  path?: string;
  /** The page's referrer (document.referrer). */
  referrer?: string;
  title?: string;
  locale?: string;
  screen?: { width: number; height: number };
  /** Taken from the request's User-Agent header when absent. */
  userAgent?: string;
  /** Explicit channel, set by server-side sources: call_center, store, event, crm, ... */
  channel?: string;
  /** utm_* parameters of the session's landing URL; sent on every event of that session. */
  utm?: Utm;
  /** Ad click ids of the session's landing URL; sent on every event of that session. */
  clickId?: ClickIds;
  /** Set by the collector: the event's name as sent when it was not snake_case ("Order Completed"). */
  originalName?: string;
}

interface EventBase {
  /** Client-made and unique per site: the dedupe key. UUIDv7 recommended (time-ordered). */
  id: string;
  anonymousId?: string;
  customerId?: string;
  sessionId?: string;
  /** ISO-8601, when it happened on the client's clock. */
  timestamp: string;
  properties?: Properties;
  context?: EventContext;
}

export interface PageEvent extends EventBase {
  type: "page";
  /** Defaults to page_view. */
  name?: string;
}

export interface TouchpointEvent extends EventBase {
  type: "touchpoint";
  /**
   * banner_click, catalog_view, review_read, chatbot_question, purchase or any snake_case name;
   * Title Case, spaced and camelCase names ("Order Completed") are stored as snake_case.
   */
  name: string;
}

export interface IdentifyEvent extends EventBase {
  type: "identify";
  customerId: string;
  traits?: Properties;
}

export type TrackEvent = PageEvent | TouchpointEvent | IdentifyEvent;

export interface BatchEnvelope {
  /** The site's public write key, or a placeholder when the secret key travels in Authorization. */
  writeKey: string;
  /** ISO-8601, when the client sent the batch: the collector corrects timestamps by receivedAt - sentAt. */
  sentAt: string;
  events: unknown[];
}

export interface FieldError {
  /** Dotted path inside the event, e.g. "properties.price" or "timestamp"; "" for the whole event. */
  path: string;
  message: string;
}

export interface RejectedEvent {
  index: number;
  /** The event's id when it had a readable one. */
  id: string | null;
  errors: FieldError[];
}

export interface BatchResponse {
  /** Events newly stored. */
  accepted: number;
  /** Events whose id was stored already (a retry): not stored again. */
  duplicates: number;
  /** Events refused because an erasure suppressed their id or their customer id (a replay of erased data). */
  suppressed: number;
  /** Events from recognised bots: valid, not stored in journeys. */
  bots: number;
  rejected: RejectedEvent[];
}

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    issues?: FieldError[];
  };
}

export type { EventType };

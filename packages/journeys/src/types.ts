/**
 * The engine's plain data: what every store hands in (JourneyEvent) and the journey it builds
 * (Journey). Times are epoch milliseconds throughout; journeyJson writes them as ISO-8601 where a
 * journey becomes the query API's answer. No I/O anywhere in this package.
 */
import type { EventContext, Properties } from "@touchpoint/protocol";

export type EventKind = "page" | "touchpoint" | "identify";

/** One stored event as the engine sees it. */
export interface JourneyEvent {
  id: string;
  type: EventKind;
  /** page_view (or the page's name), the touchpoint's name, or "identify". */
  name: string;
  anonymousId: string | null;
  /** The customer id the event carried itself, not the one identity stitching gives it. */
  customerId: string | null;
  sessionId: string | null;
  /** Milliseconds since the epoch, already corrected for the client's clock skew. */
  timestamp: number;
  properties: Properties;
  /** identify only. */
  traits: Properties | null;
  context: EventContext;
  /** From the user agent at ingest; null for server-side sources. */
  device: DeviceInfo | null;
}

export interface DeviceInfo {
  browser: string | null;
  os: string | null;
  /** desktop, mobile, tablet, ... */
  type: string;
}

export interface Session {
  /** The SDK's sessionId, or for events without one the id of the session's first event. */
  id: string;
  channel: string;
  /** Epoch ms: the session's first and last touchpoint. */
  startedAt: number;
  endedAt: number;
  /** From the session's earliest event with a URL, referrer, utm, click id or explicit channel. */
  landingUrl: string | null;
  referrer: string | null;
  utm: EventContext["utm"] | null;
  /** How many touchpoints (page views included) the session holds. */
  touchpoints: number;
}

export interface JourneyTouchpoint {
  id: string;
  /** "page" or "touchpoint": identify events are never touchpoints. */
  type: EventKind;
  name: string;
  /** null when the stage model places this touchpoint in no stage. */
  stage: string | null;
  /** The channel of the touchpoint's session. */
  channel: string;
  /** Epoch ms. */
  timestamp: number;
  sessionId: string;
  properties: Properties;
  context: EventContext;
}

export interface StageEntry {
  stage: string;
  /** Epoch ms: the first time a touchpoint of this stage happened. */
  enteredAt: number;
}

export interface Conversion {
  id: string;
  name: string;
  /** Epoch ms. */
  timestamp: number;
  /** properties.value when it is a finite number or a numeric string ("20"), else 0. */
  value: number;
  /** properties.currency when it is a string, else null. */
  currency: string | null;
}

export interface Journey {
  /** null for a visitor no identify has linked to a customer yet. */
  customerId: string | null;
  /** Every anonymous id seen in the journey, in order of first appearance. */
  anonymousIds: string[];
  traits: Properties;
  currentStage: string | null;
  /** In the stage model's order; only stages actually entered. */
  stages: StageEntry[];
  sessions: Session[];
  touchpoints: JourneyTouchpoint[];
  conversions: Conversion[];
  /** Sum of the conversions' values (currencies are not converted). */
  lifetimeValue: number;
  /** Epoch ms: the journey's earliest and latest event, identify events included; null when empty. */
  firstSeen: number | null;
  lastSeen: number | null;
}

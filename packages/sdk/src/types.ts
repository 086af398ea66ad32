import type { Properties, PropertyValue, RejectedEvent, TrackEvent } from "@touchpoint/protocol/types";

export type { BatchResponse, ClickIds, EventContext, Properties, PropertyValue, RejectedEvent, TrackEvent, Utm } from "@touchpoint/protocol/types";

/**
 * `pending` holds events in memory (nothing is written to the device) until `granted` replays
 * them with their original timestamps; `denied` drops them and remembers the opt-out.
 */
export type Consent = "granted" | "pending" | "denied";

/** What the tracker could not deliver, and why: reported to `onError`. */
export type TrackerError =
  /** The collector refused these events (answer 200 with `rejected`): they are not retried. */
  | { type: "rejected"; rejected: RejectedEvent[] }
  /** The collector answered a 4xx that retrying cannot fix (400, 401, 403, 413): events dropped. */
  | { type: "dropped"; status: number; count: number }
  /** The retry queue was full: the oldest events were dropped. */
  | { type: "overflow"; count: number };

export interface TrackerOptions {
  /** The site's public write key. */
  writeKey: string;
  /** The collector's origin, e.g. https://collector.example.com (batches go to `${endpoint}/v1/batch`). */
  endpoint: string;
  /** Starting consent; default "granted". A stored opt-out wins over it. */
  consent?: Consent;
  /** Treat Global Privacy Control and Do Not Track as "denied" until consent("granted"); default true. */
  honorPrivacySignals?: boolean;
  /** Write nothing to the device: ids, session and retry queue live in memory for this page only. */
  cookieless?: boolean;
  /** Last look at every event before it is queued: return it, a changed copy, or null to drop it. */
  beforeSend?: (event: TrackEvent) => TrackEvent | null;
  /** What could not be delivered, and why (the script tag logs it with console.warn under data-debug). */
  onError?: (error: TrackerError) => void;
}

export interface InitOptions extends TrackerOptions {
  /** Page views on load and on single-page-app navigation; default true. */
  pageviews?: boolean;
  /** `data-tp-event` clicks and `data-tp-view` impressions; default true. */
  autocapture?: boolean;
}

export interface PurchaseProperties {
  orderId: string;
  value: number;
  currency: string;
  [key: string]: PropertyValue;
}

/** What `createTracker` returns. */
export interface CoreTracker {
  /** A touchpoint: `name` is snake_case (banner_click, newsletter_signup, ...). */
  track(name: string, properties?: Properties): void;
  /** A page view of the current URL. */
  page(properties?: Properties): void;
  /** Links this browser to a customer; every later event carries the customer id. */
  identify(customerId: string, traits?: Properties): void;
  /** Logout: forgets the customer and starts a new anonymous id and session. */
  reset(): void;
  /** Sends what is queued now; resolves when the queue is drained or a retry is scheduled. */
  flush(): Promise<void>;
  consent(state: Consent): void;
}

/** A tracker with the journey's one-liners: what `init` returns and the script tag's global `touchpoint` is. */
export interface Tracker extends CoreTracker {
  bannerClick(properties?: Properties): void;
  catalogView(properties?: Properties): void;
  reviewRead(properties?: Properties): void;
  chatbotQuestion(properties?: Properties): void;
  purchase(properties: PurchaseProperties): void;
}

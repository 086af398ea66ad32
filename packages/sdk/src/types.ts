import type { FieldError, Properties, PropertyValue, RejectedEvent, TrackEvent } from "@touchpoint/protocol/types";

export type {
  BatchResponse,
  ClickIds,
  EventContext,
  FieldError,
  FlatValue,
  Properties,
  PropertyValue,
  RejectedEvent,
  TrackEvent,
  Utm,
} from "@touchpoint/protocol/types";

/**
 * `pending` holds events in memory (nothing is written to the device) until `granted` replays
 * them with their original timestamps; `denied` drops them and remembers the opt-out.
 */
export type Consent = "granted" | "pending" | "denied";

/**
 * What the tracker could not deliver, and why: reported to `onError`, and written once per kind
 * with console.warn (every time with `debug`).
 */
export type TrackerError =
  /**
   * A call the SDK refused or trimmed: `call` is the method (track, page, identify, consent, or
   * the unknown method's name), `errors` name each field and rule. A bad name, customer id or
   * consent value drops the call; a bad property drops that property, the event still goes.
   */
  | { type: "invalid"; call: string; errors: FieldError[] }
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
  /** What could not be delivered, and why. Each kind is also written once with console.warn. */
  onError?: (error: TrackerError) => void;
  /** console.warn every error, not only the first of each kind (the script tag's data-debug). */
  debug?: boolean;
  /**
   * Query parameters taken out of the page's URL and referrer before they are stored: the names
   * given, or with an empty list every one but utm_* and ad click ids (tokens, emails in links).
   */
  stripQuery?: string[];
}

export interface InitOptions extends TrackerOptions {
  /** Page views on load and on single-page-app navigation; default true. */
  pageviews?: boolean;
  /** `data-tp-event` clicks and `data-tp-view` impressions; default true. */
  autocapture?: boolean;
}

export interface PurchaseProperties {
  orderId: string;
  /** A number, or a numeric string such as "20.5". */
  value: number | string;
  currency: string;
  [key: string]: PropertyValue;
}

/** Who this browser is: its anonymous id and, after identify, the customer id. */
export interface User {
  anonymousId: string;
  customerId: string | null;
}

/** What `createTracker` returns. None of its methods throws: a refused call goes to `onError`. */
export interface CoreTracker {
  /**
   * A touchpoint: `name` is snake_case (banner_click, newsletter_signup, ...) or words such as
   * "Order Completed", stored as order_completed.
   */
  track(name: string, properties?: Properties): void;
  /** A page view of the current URL; `name` ("Home") becomes the property `name`. */
  page(name?: string | Properties, properties?: Properties): void;
  /** Links this browser to a customer; every later event carries the customer id. */
  identify(customerId: string | number, traits?: Properties): void;
  /** Properties added to every later track and page event of this page (super properties). */
  register(properties: Properties): void;
  /** This browser's anonymous id (made now when there is none yet). */
  getAnonymousId(): string;
  user(): User;
  /** Calls `callback(tracker)` once the tracker exists: at once here, after loading through the snippet. */
  ready(callback: (tracker: CoreTracker) => void): void;
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

/**
 * Every tunable number and storage key of the SDK, in one module without imports: the bundler
 * inlines constants only from such modules, and the size budget counts every byte.
 */

/** A batch leaves when it holds this many events, or BATCH_WAIT_MS after its first event. */
export const BATCH_EVENTS = 20;
export const BATCH_WAIT_MS = 1000;
/**
 * A request body's events stay under this many characters: at most 3 UTF-8 bytes each, so under
 * 200 KB (the collector takes 500 KB). A backlog leaves in requests this big, one at a time.
 */
export const FETCH_CHARS = 64_000;
/** Browsers share a 64 KiB quota among all keepalive requests in flight: leave room for others. */
export const BEACON_BYTES = 16_384;
/** The protocol's limit of events per batch. */
export const MAX_EVENTS_PER_BATCH = 1000;

/** Exponential backoff: base and cap of the wait before retry n, base * 2^n, with full jitter. */
export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 60_000;

/** Events held in memory while consent is pending: enough for a long visit, bounded for a page left open for days. */
export const MAX_HELD_EVENTS = 500;
/**
 * Bounds of one tab's retry queue, in memory and in storage: a burst of 1,000 events fits whole;
 * a million characters are 2 MB of localStorage (browsers give an origin 5 to 10 MB).
 */
export const MAX_QUEUED_EVENTS = 1000;
export const MAX_QUEUED_CHARS = 1_000_000;
/** A tab's queue untouched this long was left by a closed or frozen tab: another tab adopts it. */
export const ORPHAN_MS = 60_000;
/** Every live tab rewrites its queue (marking it alive) and looks for orphaned queues this often. */
export const SWEEP_MS = 30_000;
/** A claim on an orphaned queue is confirmed this long after it was written (when every tab has seen it). */
export const CLAIM_MS = 1500;
/**
 * The queue is written to storage this long after it changed, and at once when the page is
 * hidden or left: a write of a long queue (collector down) costs milliseconds, too much per call.
 * What a crash of the browser (no pagehide) loses is the last second.
 */
export const PERSIST_MS = 1000;
/** The protocol's limit of one event's size, UTF-8 bytes of its JSON. */
export const MAX_EVENT_BYTES = 32_768;

/** How long an element must stay at least VISIBLE_RATIO visible to count as seen (data-tp-view). */
export const VIEW_DWELL_MS = 1000;
export const VISIBLE_RATIO = 0.5;

/** Only values this short (ids, the session) fall back to a cookie: a cookie travels with every request to the site. */
export const COOKIE_MAX_CHARS = 300;
export const COOKIE_MAX_AGE_S = 31_536_000;

/**
 * Storage keys: anonymous id, customer id, the visitor's consent decision ("granted", "denied";
 * "1" from earlier versions is "denied"), session, and the prefix of each tab's retry queue.
 */
export const ANONYMOUS_KEY = "tp_a";
export const CUSTOMER_KEY = "tp_c";
export const CONSENT_KEY = "tp_o";
export const SESSION_KEY = "tp_s";
export const QUEUE_PREFIX = "tp_q_";
/** sessionStorage key: the id of the tracker that last ran in this tab, so the next page adopts its queue. */
export const TAB_KEY = "tp_t";

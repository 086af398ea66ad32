import { readJson, type KeyValueStore } from "../core/store.js";
import { SESSION_IDLE_MS, SESSION_KEY, SESSION_MAX_MS } from "../core/settings.js";
import { uuidv7 } from "../core/uuid.js";
import { readAttribution, type Attribution } from "./attribution.js";


export interface Session extends Attribution {
  id: string;
  /** Started at, ms. */
  start: number;
  /** Last event at, ms. */
  last: number;
}

/**
 * The session an event at `ms` belongs to, shared by the site's tabs through storage. A session
 * ends after 30 minutes idle or 24 hours. Its start keeps the landing URL's campaign (utm_*, click ids), sent on every event of the session
 * so the collector can name its channel; its first event carries the landing URL and referrer.
 */
export function touchSession(store: KeyValueStore, ms: number, search: string): Session {
  const stored = readJson<Session>(store, SESSION_KEY);
  // Comparisons with a missing or damaged field are false: such a session is replaced.
  const session: Session =
    stored && ms - stored.last < SESSION_IDLE_MS && ms - stored.start < SESSION_MAX_MS
      ? stored
      : { id: uuidv7(ms), start: ms, last: ms, ...readAttribution(search) };
  session.last = ms;
  store.write(SESSION_KEY, JSON.stringify(session));
  return session;
}

import { readJson, type KeyValueStore } from "../core/store.js";
// Straight from the protocol: a re-export in settings.ts would stop esbuild inlining its constants (61 B gzip).
import { SESSION_IDLE_MS, SESSION_MAX_MS } from "@touchpoint/protocol/sessions";
import { SESSION_KEY } from "../core/settings.js";
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
 * ends after 30 minutes idle or 24 hours, and when a page carries a campaign (utm_*, click ids)
 * other than the session's: a newsletter link ten seconds after an ad is a new session with the
 * newsletter's campaign, as in GA4. The session keeps its landing URL's campaign, sent on every
 * event of the session so the collector can name its channel; its first event carries the landing
 * URL and referrer.
 */
let read: { search?: string; landing: Attribution; campaign: string } = { landing: {}, campaign: "" };

export function touchSession(store: KeyValueStore, ms: number, search: string): Session {
  const stored = readJson<Session>(store, SESSION_KEY);
  // The page's query is read once, not for every event.
  if (search !== read.search) read = { search, landing: readAttribution(search), campaign: "" };
  const { landing } = read;
  const campaign = (read.campaign ||= JSON.stringify(landing));
  // Comparisons with a missing or damaged field are false: such a session is replaced.
  const session: Session =
    stored &&
    ms - stored.last < SESSION_IDLE_MS &&
    ms - stored.start < SESSION_MAX_MS &&
    (campaign === "{}" || campaign === JSON.stringify({ utm: stored.utm, clickId: stored.clickId }))
      ? stored
      : { id: uuidv7(ms), start: ms, last: ms, ...landing };
  // Written when it starts and then at most once a second: a burst of events is one write.
  if (session !== stored || ms - session.last > 1000) {
    session.last = ms;
    store.write(SESSION_KEY, JSON.stringify(session));
  }
  return session;
}

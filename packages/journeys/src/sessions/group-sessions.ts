/**
 * A person's visits. Events with the SDK's sessionId are grouped by it (the SDK already ends a
 * session after 30 minutes idle or 24 hours). Events without one (server-side sources, older
 * clients) are grouped per anonymous id (or customer id when there is none) and per explicit
 * channel, a session ending after 30 minutes without an event or 24 hours after its start; an
 * event whose referrer is the site itself continues its open session past the 30 minutes (the
 * person followed a link on a page they had open). The session's channel comes from its earliest
 * event whose context says where it came from, and is classified once per session. A referrer
 * from the site itself never starts a channel: a session that arrived that way (the SDK started
 * it after an idle half hour on the site) continues the channel of the person's previous session
 * that had no explicit channel, and is direct when there is none.
 */
import { SESSION_IDLE_MS, SESSION_MAX_MS, type EventContext } from "@touchpoint/protocol";
import { channelSignals, referrerHost } from "../channels/channel-signals.js";
import { channelOfSignals } from "../channels/classify-channel.js";
import { withUrlParameters } from "../channels/url-parameters.js";
import { compareEvents } from "../order.js";
import type { JourneyEvent, Session } from "../types.js";

export { SESSION_IDLE_MS, SESSION_MAX_MS };

export interface GroupSessionsOptions {
  /** The site's own host: a referrer from it is navigation inside the site (see classifyChannel). */
  siteHost?: string | null;
  idleMs?: number;
  maxMs?: number;
}

export interface SessionGroups {
  /** By start time, ties by first event id. */
  sessions: Session[];
  /** Parallel to the input events: the index in `sessions` of each event's session; -1 for identify events. */
  sessionOf: number[];
  /**
   * Parallel to `sessions`: the session landed from a page of the site itself and continues the
   * visit before it, so its first touchpoint is no landing from outside (stage rules with
   * `landing: true` do not match it).
   */
  continued: boolean[];
}

interface OpenSession {
  id: string;
  startedAt: number;
  endedAt: number;
  source: EventContext | null;
  touchpoints: number;
}

/** Whether a context tells where the visit came from (or at least which page it landed on). */
function hasChannelContext(context: EventContext): boolean {
  return Boolean(context.url || context.path || context.referrer || context.channel || context.utm || context.clickId);
}

function fallbackKey(event: JourneyEvent): string {
  const person = event.anonymousId !== null ? `a:${event.anonymousId}` : `c:${event.customerId ?? ""}`;
  return `${person}|${event.context.channel ?? ""}`;
}

/** Events must be in time order (sortEvents); identify events are left out of sessions. */
export function groupSessions(events: readonly JourneyEvent[], options: GroupSessionsOptions = {}): SessionGroups {
  const idleMs = options.idleMs ?? SESSION_IDLE_MS;
  const maxMs = options.maxMs ?? SESSION_MAX_MS;
  const open: OpenSession[] = [];
  const bySdkId = new Map<string, number>();
  const byFallbackKey = new Map<string, number>();
  const sessionOf: number[] = new Array(events.length);
  let previous: JourneyEvent | undefined;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as JourneyEvent;
    if (previous !== undefined && compareEvents(previous, event) > 0) {
      throw new Error(`groupSessions needs events in time order: "${event.id}" comes after "${previous.id}"`);
    }
    previous = event;
    if (event.type === "identify") {
      sessionOf[i] = -1;
      continue;
    }
    let index: number;
    if (event.sessionId !== null) {
      index = bySdkId.get(event.sessionId) ?? open.length;
      bySdkId.set(event.sessionId, index);
    } else {
      const key = fallbackKey(event);
      const known = byFallbackKey.get(key);
      const current = known === undefined ? undefined : open[known];
      const expired =
        current === undefined ||
        event.timestamp - current.startedAt >= maxMs ||
        (event.timestamp - current.endedAt >= idleMs && !referrerHost(event.context, options.siteHost).sameSite);
      index = expired ? open.length : (known as number);
      byFallbackKey.set(key, index);
    }
    let session = open[index];
    if (session === undefined) {
      session = { id: event.sessionId ?? event.id, startedAt: event.timestamp, endedAt: event.timestamp, source: null, touchpoints: 0 };
      open.push(session);
    }
    session.endedAt = event.timestamp;
    session.touchpoints++;
    if (session.source === null && hasChannelContext(event.context)) session.source = event.context;
    sessionOf[i] = index;
  }
  const sessions: Session[] = [];
  const continued: boolean[] = [];
  let previousChannel: string | null = null;
  for (const session of open) {
    const source = session.source === null ? null : withUrlParameters(session.source);
    let channel = "direct";
    let continues = false;
    if (source !== null) {
      const signals = channelSignals(source, options.siteHost ?? null);
      continues = signals.sameSiteReferrer && signals.explicit === null;
      channel = continues && previousChannel !== null ? previousChannel : channelOfSignals(signals);
      if (signals.explicit === null) previousChannel = channel;
    }
    continued.push(continues);
    sessions.push({
      id: session.id,
      channel,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      landingUrl: source?.url ?? null,
      referrer: source?.referrer ?? null,
      utm: source?.utm ?? null,
      touchpoints: session.touchpoints,
    });
  }
  return { sessions, sessionOf, continued };
}

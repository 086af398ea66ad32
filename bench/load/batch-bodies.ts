import { createUuidV7Generator } from "./uuidv7.js";

/** One request's worth of ingest load: a `POST /v1/batch` body and the browser that sent it. */
export interface BatchRequest {
  body: string;
  userAgent: string;
}

/** A few real browsers, so the collector's user-agent parsing sees more than one string. */
const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
];

const LANDINGS = [
  { utm: { source: "newsletter", medium: "email", campaign: "spring_sale" } },
  { utm: { source: "google", medium: "cpc", campaign: "brand", term: "touchpoint shoes" } },
  { utm: { source: "instagram", medium: "paid_social", campaign: "spring_sale", content: "reel_1" } },
  {},
];

/** What one visitor does, page views foremost, as the SDK's one-liners would send it. */
const ACTIONS: ReadonlyArray<{
  type: "page" | "touchpoint";
  name?: string;
  path: string;
  title: string;
  properties?: Record<string, string | number>;
}> = [
  { type: "page", path: "/", title: "Home" },
  { type: "touchpoint", name: "banner_click", path: "/", title: "Home", properties: { banner: "spring_sale", position: 1 } },
  { type: "page", path: "/catalog", title: "Catalog" },
  { type: "touchpoint", name: "catalog_view", path: "/catalog", title: "Catalog", properties: { category: "shoes", items: 24 } },
  { type: "page", path: "/products/trail-runner", title: "Trail Runner" },
  {
    type: "touchpoint",
    name: "review_read",
    path: "/products/trail-runner",
    title: "Trail Runner",
    properties: { product: "trail-runner", rating: 4 },
  },
  { type: "touchpoint", name: "chatbot_question", path: "/products/trail-runner", title: "Trail Runner", properties: { topic: "sizing" } },
  { type: "page", path: "/checkout", title: "Checkout" },
  {
    type: "touchpoint",
    name: "purchase",
    path: "/checkout",
    title: "Checkout",
    properties: { orderId: "order-1", value: 89.9, currency: "EUR" },
  },
];

const VISITORS = 200;
/**
 * A visitor's events before the next request of that browser comes from a new visitor (a new
 * anonymous id and session): real visits are tens of events, and a load of 200 visitors sending
 * thousands each would measure journey upkeep re-reading ever longer histories instead of ingest.
 */
export const EVENTS_PER_VISIT = 50;
const HOLE = /@@(?:id|visit|timestamp)@@/;

/**
 * Makes batch bodies with fresh event ids on every call, so every request is new work for the
 * collector rather than a duplicate. Events are pre-serialised per visitor and action with holes
 * for the id and timestamp, then filled by concatenation: building 50 events must cost the load
 * generator, which shares the cores with the collector, as little as possible.
 */
export function createBatchBodies(writeKey: string, eventsPerRequest: number): () => BatchRequest {
  const nextId = createUuidV7Generator();
  const visitors = Array.from({ length: VISITORS }, (_, v) => ({
    userAgent: USER_AGENTS[v % USER_AGENTS.length] as string,
    templates: ACTIONS.map((action) => eventTemplate(v, action)),
    sent: 0,
    visit: 0,
  }));
  const head = `{"writeKey":${JSON.stringify(writeKey)},"sentAt":"`;
  let request = 0;
  return () => {
    const slot = request % VISITORS;
    const visitor = visitors[slot] as (typeof visitors)[number];
    if (visitor.sent >= EVENTS_PER_VISIT) {
      visitor.sent = 0;
      visitor.visit += 1;
    }
    visitor.sent += eventsPerRequest;
    const visit = visitor.visit === 0 ? String(slot) : `${slot}-${visitor.visit}`;
    const timestamp = new Date().toISOString();
    let events = "";
    for (let i = 0; i < eventsPerRequest; i++) {
      const [beforeId, beforeAnonymousId, beforeSessionId, beforeTimestamp, rest] = visitor.templates[
        (request + i) % ACTIONS.length
      ] as string[];
      events += `${i === 0 ? "" : ","}${beforeId}${nextId()}${beforeAnonymousId}${visit}${beforeSessionId}${visit}${beforeTimestamp}${timestamp}${rest}`;
    }
    request += 1;
    return { body: `${head}${timestamp}","events":[${events}]}`, userAgent: visitor.userAgent };
  };
}

/** The event as JSON cut at its holes: before the id, the anonymous id's visit, the session's visit, the timestamp, and the rest. */
function eventTemplate(visitor: number, action: (typeof ACTIONS)[number]): string[] {
  const landing = LANDINGS[visitor % LANDINGS.length];
  const event = {
    id: "@@id@@",
    type: action.type,
    ...(action.name === undefined ? {} : { name: action.name }),
    anonymousId: "bench-visitor-@@visit@@",
    sessionId: "bench-session-@@visit@@",
    timestamp: "@@timestamp@@",
    ...(action.properties === undefined ? {} : { properties: action.properties }),
    context: {
      url: `https://shop.example${action.path}`,
      path: action.path,
      referrer: "https://www.google.com/",
      title: action.title,
      locale: "en-GB",
      screen: { width: 1440, height: 900 },
      ...landing,
    },
  };
  const parts = JSON.stringify(event).split(HOLE);
  if (parts.length !== 5) throw new Error(`an event template must have 4 holes, found ${parts.length - 1}`);
  return parts;
}

import { isoTime } from "@touchpoint/journeys";
import type { Properties } from "@touchpoint/protocol";
import { CHATBOT_QUESTIONS, CURRENCY, PRODUCTS, USER_AGENTS, type DeviceKind } from "./catalog.js";
import { landingContext, pageContext, SHOP_URL, type ArrivalChannel } from "./channels.js";
import { PERSONAS, type Persona } from "./personas.js";
import type { SeedIds } from "./seed-ids.js";
import type { SeededRandom } from "./seeded-random.js";

export const STAGES = ["awareness", "consideration", "evaluation", "purchase", "loyalty"] as const;
export type Stage = (typeof STAGES)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One request's worth of events, as a browser or a server-side source would send it. */
export interface PlannedRequest {
  source: "browser" | "server";
  /** The browser's User-Agent header; null for server-side sources. */
  userAgent: string | null;
  events: Record<string, unknown>[];
}

export interface PlannedPerson {
  requests: PlannedRequest[];
  /** Null for an anonymous visitor. */
  customerId: string | null;
  persona: Persona["name"] | null;
  /** The furthest stage the plan takes the person to. */
  furthestStage: Stage;
  events: number;
  serverEvents: number;
  sessions: number;
  devices: number;
  purchases: number;
  revenue: number;
}

export interface PlanContext {
  random: SeededRandom;
  ids: SeedIds;
  /** The seeded period, ms since the epoch: journeys start at or after `from` and end by `until`. */
  from: number;
  until: number;
  /** Makes customer ids of different seeds distinct: `cust-<tag>-<n>`. */
  tag: string;
}

interface Device {
  anonymousId: string;
  userAgent: string;
  identified: boolean;
}

type Step =
  | { type: "page"; path: string }
  | { type: "touchpoint"; name: string; path: string; properties: Properties }
  | { type: "identify" };

interface Visit {
  device: Device;
  channel: ArrivalChannel;
  steps: Step[];
}

interface OfflineTouch {
  /** Happens after this visit (index into visits). */
  afterVisit: number;
  name: string;
  channel: "call_center" | "store";
  properties: Properties;
}

const VISITOR_CHANNELS: Readonly<Partial<Record<ArrivalChannel, number>>> = {
  organic_search: 0.3,
  paid_search: 0.2,
  paid_social: 0.15,
  display: 0.15,
  direct: 0.1,
  referral: 0.1,
};

function pickPersona(random: SeededRandom): Persona {
  const name = random.weighted(Object.fromEntries(PERSONAS.map((p) => [p.name, p.weight])) as Record<Persona["name"], number>);
  return PERSONAS.find((p) => p.name === name)!;
}

function newDevice(random: SeededRandom, weights: Readonly<Record<DeviceKind, number>>): Device {
  const kind = random.weighted(weights);
  return { anonymousId: `anon-${random.hex(20)}`, userAgent: random.pick(USER_AGENTS[kind]), identified: false };
}

const landingPath = (channel: ArrivalChannel, random: SeededRandom) =>
  channel === "organic_search" || channel === "referral"
    ? random.pick(["/blog/layering-for-rain", "/blog/choosing-trail-shoes", "/"])
    : "/";

/**
 * One customer's journey: visits on one or two devices that climb the stages until the persona
 * drops off, anonymous at first and identified (email link, sign-up or login before checkout),
 * with repeat purchases and a few offline touchpoints for those who stay.
 */
export function planCustomer(ctx: PlanContext, index: number): PlannedPerson {
  const { random } = ctx;
  const persona = pickPersona(random);
  const customerId = `cust-${ctx.tag}-${index}`;
  let reached = 0;
  while (reached < 4 && random.chance(persona.advance[reached]!)) reached++;

  const primary = newDevice(random, persona.device);
  const second = random.chance(persona.secondDevice) ? newDevice(random, persona.device) : null;
  const visits: Visit[] = [];
  const offline: OfflineTouch[] = [];
  const newVisit = (weights: Persona["returnChannel"]): Visit => {
    const device = second && visits.length > 0 && random.chance(0.5) ? second : primary;
    const channel = random.weighted(weights as Record<ArrivalChannel, number>);
    const visit: Visit = { device, channel, steps: [{ type: "page", path: landingPath(channel, random) }] };
    visits.push(visit);
    return visit;
  };
  const touch = (visit: Visit, name: string, path: string, properties: Properties) =>
    visit.steps.push({ type: "touchpoint", name, path, properties });
  const identify = (visit: Visit) => {
    if (!visit.device.identified) {
      visit.steps.push({ type: "identify" });
      visit.device.identified = true;
    }
  };
  let orders = 0;
  let revenue = 0;
  const buy = (visit: Visit) => {
    const items = Array.from({ length: random.int(...persona.basketItems) }, () => random.pick(PRODUCTS));
    for (const p of items)
      touch(visit, "add_to_cart", `/product/${p.id}`, { productId: p.id, price: p.price, currency: CURRENCY, quantity: 1 });
    const value = Math.round(items.reduce((sum, p) => sum + p.price, 0) * 100) / 100;
    visit.steps.push({ type: "page", path: "/cart" });
    identify(visit); // login before checkout
    touch(visit, "begin_checkout", "/checkout", { value, currency: CURRENCY, items: items.length });
    const orderId = `ord-${ctx.tag}-${index}-${++orders}`;
    touch(visit, "purchase", "/checkout", { orderId, value, currency: CURRENCY });
    visit.steps.push({ type: "page", path: "/thanks" });
    revenue += value;
    return orderId;
  };

  // awareness
  let visit = newVisit(persona.firstChannel);
  if (visit.channel === "email") identify(visit); // the newsletter link carries who it was sent to
  if (random.chance(0.5)) touch(visit, "banner_click", "/", { campaign: "spring_sale", placement: "home_hero" });
  // consideration
  if (reached >= 1) {
    if (random.chance(0.5)) visit = newVisit(persona.returnChannel);
    visit.steps.push({ type: "page", path: "/catalog" });
    for (let i = random.int(...persona.catalogViews); i > 0; i--)
      touch(visit, "catalog_view", "/catalog", { product: random.pick(PRODUCTS).id, list: "catalog" });
  }
  // evaluation
  if (reached >= 2) {
    if (random.chance(0.7)) visit = newVisit(persona.returnChannel);
    const product = random.pick(PRODUCTS);
    visit.steps.push({ type: "page", path: `/product/${product.id}` });
    for (let i = Math.max(1, random.int(...persona.reviewReads)); i > 0; i--) {
      const stars = random.pick(product.reviewStars);
      touch(visit, "review_read", `/product/${product.id}`, { productId: product.id, reviewId: `${product.id}-${stars}`, stars });
    }
    for (let i = random.int(...persona.chatbotQuestions); i > 0; i--)
      touch(visit, "chatbot_question", `/product/${product.id}`, { question: random.pick(CHATBOT_QUESTIONS) });
    if (random.chance(persona.salesCall))
      offline.push({ afterVisit: visits.length - 1, name: "talk_to_sales", channel: "call_center", properties: { topic: "sizing" } });
  }
  // purchase
  if (reached >= 3) {
    if (random.chance(0.6)) visit = newVisit(persona.returnChannel);
    const orderId = buy(visit);
    // loyalty
    if (reached >= 4) {
      const surveyed = random.chance(0.7);
      if (surveyed) touch(visit, "survey_response", "/thanks", { rating: random.int(...persona.rating), orderId });
      if (random.chance(0.3))
        offline.push({
          afterVisit: visits.length - 1,
          name: "support_contact",
          channel: "call_center",
          properties: { reason: random.pick(["delivery", "sizing", "return"]) },
        });
      const repeats = random.int(...persona.repeatPurchases);
      for (let r = 0; r < repeats; r++) {
        visit = newVisit(persona.returnChannel);
        touch(visit, "catalog_view", "/catalog", { product: random.pick(PRODUCTS).id, list: "catalog" });
        const repeatOrder = buy(visit);
        if (random.chance(0.4)) touch(visit, "survey_response", "/thanks", { rating: random.int(...persona.rating), orderId: repeatOrder });
      }
      if (persona.name === "loyal fan" && random.chance(0.3)) touch(visit, "referral_given", "/account", { program: "friends_10" });
      if (persona.name === "loyal fan" && random.chance(0.2)) {
        const product = random.pick(PRODUCTS);
        orders++;
        revenue += product.price;
        offline.push({
          afterVisit: visits.length - 1,
          name: "purchase",
          channel: "store",
          properties: { orderId: `ord-${ctx.tag}-${index}-${orders}`, value: product.price, currency: CURRENCY },
        });
      }
      if (!surveyed && repeats === 0 && !offline.some((o) => o.name === "support_contact"))
        touch(visit, "survey_response", "/thanks", { rating: random.int(...persona.rating), orderId });
    }
  }
  // Whoever is not known by now signs up at the end of the last visit on each device.
  for (const v of [...visits].reverse()) identify(v);

  return render(ctx, { customerId, persona, visits, offline, reached, orders, revenue });
}

/** A visitor who comes once, looks around and leaves without ever being identified. */
export function planVisitor(ctx: PlanContext): PlannedPerson {
  const { random } = ctx;
  const device = newDevice(random, { mobile: 0.55, desktop: 0.4, tablet: 0.05 });
  const channel = random.weighted(VISITOR_CHANNELS as Record<ArrivalChannel, number>);
  const visit: Visit = { device, channel, steps: [{ type: "page", path: landingPath(channel, random) }] };
  let reached = 0;
  if (random.chance(0.4)) {
    reached = 1;
    for (let i = random.int(1, 2); i > 0; i--)
      visit.steps.push({
        type: "touchpoint",
        name: "catalog_view",
        path: "/catalog",
        properties: { product: random.pick(PRODUCTS).id, list: "catalog" },
      });
  }
  return render(ctx, { customerId: null, persona: null, visits: [visit], offline: [], reached, orders: 0, revenue: 0 });
}

interface Plan {
  customerId: string | null;
  persona: Persona | null;
  visits: Visit[];
  offline: OfflineTouch[];
  reached: number;
  orders: number;
  revenue: number;
}

/** Times the steps (seconds to minutes apart within a visit, days between visits) inside [from, until] and writes wire events. */
function render(ctx: PlanContext, plan: Plan): PlannedPerson {
  const { random, ids } = ctx;
  const meanGapDays = plan.persona?.meanDaysBetweenVisits ?? 1;
  // Offsets from the journey's start: visits first, then the steps inside them.
  const visitStarts: number[] = [];
  const stepOffsets: number[][] = [];
  let clock = 0;
  for (const visit of plan.visits) {
    if (visitStarts.length > 0) clock += 30 * MINUTE + random.exponential(meanGapDays * DAY);
    visitStarts.push(clock);
    stepOffsets.push(visit.steps.map(() => (clock += random.int(10, 150) * 1000)));
  }
  const offlineOffsets = plan.offline.map((o) => {
    const visitEnd = stepOffsets[o.afterVisit]!.at(-1)!;
    return visitEnd + HOUR + random.exponential(DAY);
  });
  const span = Math.max(clock, ...offlineOffsets);
  const period = ctx.until - ctx.from;
  // Start anywhere in the period; a journey that would run past `until` starts earlier, and one
  // longer than the whole period is squeezed into it.
  const scale = span > period ? period / span : 1;
  let start = ctx.from + random.next() * period;
  if (start + span * scale > ctx.until) start = Math.max(ctx.from, ctx.until - span * scale - random.next() * HOUR);
  const at = (offset: number) => isoTime(Math.round(start + offset * scale));

  const requests: PlannedRequest[] = [];
  const devices = new Set<string>();
  let purchases = 0;
  let events = 0;
  // Planning marked devices identified; replay that in time order.
  for (const visit of plan.visits) visit.device.identified = false;
  plan.visits.forEach((visit, v) => {
    const { device } = visit;
    devices.add(device.anonymousId);
    const sessionId = `sess-${random.hex(20)}`;
    const out: Record<string, unknown>[] = [];
    visit.steps.forEach((step, s) => {
      const event: Record<string, unknown> = {
        id: ids.next(),
        type: step.type,
        anonymousId: device.anonymousId,
        sessionId,
        timestamp: at(stepOffsets[v]![s]!),
      };
      if (device.identified || step.type === "identify") event.customerId = plan.customerId;
      if (step.type === "identify") {
        event.traits = { persona: plan.persona!.name, newsletter: visit.channel === "email" };
        device.identified = true;
      } else if (step.type === "page") {
        event.context = s === 0 ? landingContext(visit.channel, step.path, random) : pageContext(step.path);
      } else {
        if (step.name === "purchase") purchases++;
        event.name = step.name;
        event.properties = step.properties;
        event.context = { url: SHOP_URL + step.path, path: step.path };
      }
      out.push(event);
    });
    events += out.length;
    requests.push({ source: "browser", userAgent: device.userAgent, events: out });
  });
  if (plan.offline.length > 0) {
    const out = plan.offline.map((o, i) => {
      if (o.name === "purchase") purchases++;
      return {
        id: ids.next(),
        type: "touchpoint",
        name: o.name,
        customerId: plan.customerId,
        timestamp: at(offlineOffsets[i]!),
        properties: o.properties,
        context: { channel: o.channel },
      };
    });
    events += out.length;
    requests.push({ source: "server", userAgent: null, events: out });
  }
  return {
    requests,
    customerId: plan.customerId,
    persona: plan.persona?.name ?? null,
    furthestStage: STAGES[plan.reached]!,
    events,
    serverEvents: plan.offline.length,
    sessions: plan.visits.length,
    devices: devices.size,
    purchases,
    revenue: Math.round(plan.revenue * 100) / 100,
  };
}

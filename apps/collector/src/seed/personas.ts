import type { DeviceKind } from "./catalog.js";
import type { ArrivalChannel } from "./channels.js";

export type PersonaName = "bargain hunter" | "researcher" | "loyal fan";

/** How one kind of customer behaves; the seed stores the name as the customer's `persona` trait. */
export interface Persona {
  name: PersonaName;
  /** Share of customers. */
  weight: number;
  /** Chance to go on from awareness to consideration, to evaluation, to purchase, to loyalty. */
  advance: readonly [number, number, number, number];
  /** How the first visit arrives. */
  firstChannel: Readonly<Partial<Record<ArrivalChannel, number>>>;
  /** How later visits arrive. */
  returnChannel: Readonly<Partial<Record<ArrivalChannel, number>>>;
  device: Readonly<Record<DeviceKind, number>>;
  /** Mean days between two visits. */
  meanDaysBetweenVisits: number;
  catalogViews: readonly [number, number];
  reviewReads: readonly [number, number];
  chatbotQuestions: readonly [number, number];
  basketItems: readonly [number, number];
  /** Repeat purchases of a customer who reached loyalty (each on a later visit). */
  repeatPurchases: readonly [number, number];
  /** Satisfaction survey ratings, 1 to 5. */
  rating: readonly [number, number];
  /** Chance that a later visit happens on a second device. */
  secondDevice: number;
  /** Chance of a call to sales while evaluating (a server-side touchpoint). */
  salesCall: number;
}

/**
 * Bargain hunters arrive through ads and deals and drop off often; researchers read and ask a
 * lot and take their time; loyal fans come back by email and buy again.
 */
export const PERSONAS: readonly Persona[] = [
  {
    name: "bargain hunter",
    weight: 0.4,
    advance: [0.75, 0.5, 0.45, 0.3],
    firstChannel: { paid_search: 0.3, display: 0.2, affiliates: 0.2, paid_social: 0.2, organic_search: 0.1 },
    returnChannel: { email: 0.3, paid_search: 0.2, direct: 0.3, affiliates: 0.2 },
    device: { mobile: 0.6, desktop: 0.35, tablet: 0.05 },
    meanDaysBetweenVisits: 3,
    catalogViews: [2, 6],
    reviewReads: [0, 1],
    chatbotQuestions: [0, 1],
    basketItems: [1, 2],
    repeatPurchases: [0, 1],
    rating: [2, 5],
    secondDevice: 0.15,
    salesCall: 0,
  },
  {
    name: "researcher",
    weight: 0.35,
    advance: [0.85, 0.8, 0.4, 0.45],
    firstChannel: { organic_search: 0.45, referral: 0.3, organic_social: 0.15, paid_search: 0.1 },
    returnChannel: { direct: 0.4, organic_search: 0.3, email: 0.2, referral: 0.1 },
    device: { desktop: 0.7, mobile: 0.2, tablet: 0.1 },
    meanDaysBetweenVisits: 5,
    catalogViews: [1, 4],
    reviewReads: [2, 5],
    chatbotQuestions: [1, 3],
    basketItems: [1, 3],
    repeatPurchases: [0, 2],
    rating: [3, 5],
    secondDevice: 0.35,
    salesCall: 0.15,
  },
  {
    name: "loyal fan",
    weight: 0.25,
    advance: [0.9, 0.7, 0.75, 0.8],
    firstChannel: { email: 0.4, organic_social: 0.3, direct: 0.2, referral: 0.1 },
    returnChannel: { email: 0.5, direct: 0.4, organic_social: 0.1 },
    device: { mobile: 0.5, desktop: 0.4, tablet: 0.1 },
    meanDaysBetweenVisits: 1.5,
    catalogViews: [1, 3],
    reviewReads: [0, 2],
    chatbotQuestions: [0, 1],
    basketItems: [1, 3],
    repeatPurchases: [1, 4],
    rating: [4, 5],
    secondDevice: 0.3,
    salesCall: 0,
  },
];

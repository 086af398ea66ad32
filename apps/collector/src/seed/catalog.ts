/** What the synthetic shop sells: the demo shop's products, so seeded journeys and live clicks look alike. */
export interface Product {
  id: string;
  name: string;
  price: number;
  /** Stars of the reviews shoppers read. */
  reviewStars: readonly number[];
}

export const CURRENCY = "EUR";

export const PRODUCTS: readonly Product[] = [
  { id: "trail-runner", name: "Trail Runner Shoes", price: 89, reviewStars: [5, 4] },
  { id: "rain-jacket", name: "Storm Rain Jacket", price: 129, reviewStars: [5, 3] },
  { id: "day-pack", name: "Summit Day Pack 22L", price: 64.5, reviewStars: [4] },
  { id: "thermos", name: "Steel Thermos 0.75L", price: 24.9, reviewStars: [5] },
  { id: "headlamp", name: "Ridge Headlamp", price: 39, reviewStars: [4, 5] },
  { id: "merino-tee", name: "Merino Base Tee", price: 49, reviewStars: [5, 4] },
];

export const CHATBOT_QUESTIONS: readonly string[] = [
  "How long does shipping take?",
  "Can I return shoes I have worn outside?",
  "Does the jacket run small?",
  "Is there a warranty on the headlamp?",
  "Do you ship to Switzerland?",
];

/** Real browsers' user agents by device type: enrichment parses them like live traffic (none is a bot). */
export const USER_AGENTS = {
  desktop: [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0",
  ],
  mobile: [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
  ],
  tablet: [
    "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
  ],
} as const;

export type DeviceKind = keyof typeof USER_AGENTS;

export * from "./build-journey.js";
export * from "./build-journeys.js";
export * from "./customer-summary.js";
export * from "./journey-digest.js";
export * from "./journey-json.js";
export * from "./journey-change.js";

export type * from "./attribution-journey.js";
export * from "./create-attribution.js";
export type { AttributionCredit } from "./credit-table.js";
export type { Instant } from "./instant.js";
export * from "./invalid-option.js";
export * from "./options.js";
export * from "./path-transforms.js";
export * from "./spend.js";
export { NO_TOUCH_KEY, NOT_SET_KEY } from "./touch-key.js";

export * from "./attribution-journey.js";
export * from "./create-attribution.js";
export * from "./credit-table.js";
export * from "./instant.js";
export * from "./invalid-option.js";
export * from "./options.js";
export * from "./path-transforms.js";
export * from "./touch-key.js";

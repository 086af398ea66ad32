export type * from "./rule.js";
export * from "./iso-duration.js";
export * from "./conditions.js";
export * from "./choose-branch.js";
export * from "./fire-step.js";
export * from "./backtest.js";

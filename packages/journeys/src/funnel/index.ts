export * from "./create-funnel.js";
export * from "./percentile.js";

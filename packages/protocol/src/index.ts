export * from "./limits.js";
export * from "./names.js";
export * from "./customer-id.js";
export * from "./sessions.js";
export * from "./schemas.js";
export * from "./validate-batch.js";
export type * from "./types.js";

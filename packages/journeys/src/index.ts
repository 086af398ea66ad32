export type * from "./types.js";
export * from "./order.js";
export * from "./identity/index.js";
export * from "./sessions/index.js";
export * from "./channels/index.js";
export * from "./stages/index.js";
export * from "./journey/index.js";

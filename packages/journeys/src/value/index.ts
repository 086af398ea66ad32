export * from "./create-customer-value.js";
export * from "./first-touch.js";

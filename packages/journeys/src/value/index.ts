export * from "./create-customer-value.js";

export * from "./create-funnel.js";

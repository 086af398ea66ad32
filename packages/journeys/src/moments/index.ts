export * from "./create-moments-of-truth.js";

export * from "./stage-model.js";
export * from "./default-models.js";
export * from "./path-pattern.js";
export * from "./stage-of.js";
export * from "./stage-progress.js";

export * from "./person-segment.js";

export * from "./create-path-report.js";

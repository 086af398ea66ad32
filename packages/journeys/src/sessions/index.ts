export * from "./group-sessions.js";

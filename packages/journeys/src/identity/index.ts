export * from "./person-key.js";
export * from "./identity-link.js";
export * from "./stitch-identities.js";
export * from "./merge-traits.js";

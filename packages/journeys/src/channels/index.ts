export * from "./channel-names.js";
export * from "./channel-rules.js";
export * from "./channel-signals.js";
export * from "./classify-channel.js";
export * from "./host.js";
export * from "./ga4-source-categories.js";
export * from "./source-category.js";
export * from "./url-parameters.js";

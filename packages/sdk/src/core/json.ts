import { guard } from "./guard.js";

/** Where pages (Prototype.js, old polyfills) put a toJSON that JSON.stringify would obey. */
const PROTOTYPES = [Object, Array, String, Number, Boolean].map((type) => type.prototype as { toJSON?: unknown });

/**
 * JSON.stringify that does not trust the page's prototypes: a toJSON on one of them (Prototype.js
 * gives Array.prototype one that turns every array into a string) is set aside while the value is
 * serialised and put back afterwards. undefined when the value cannot be serialised at all.
 */
export function safeJson(value: unknown): string | undefined {
  const saved = PROTOTYPES.map((prototype) => Object.getOwnPropertyDescriptor(prototype, "toJSON"));
  saved.forEach((descriptor, i) => descriptor && guard(() => delete PROTOTYPES[i]!.toJSON));
  try {
    return JSON.stringify(value);
  } catch {
  } finally {
    saved.forEach((descriptor, i) => descriptor && guard(() => Object.defineProperty(PROTOTYPES[i]!, "toJSON", descriptor)));
  }
}

/** UTF-8 bytes of a string. */
export const utf8Bytes = (text: string): number => new Blob([text]).size;

import type { Properties, TouchpointEvent } from "@touchpoint/protocol";

/** A desktop Chrome: the collector must not take these senders for bots. */
export const BROWSER_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** A valid touchpoint as the SDK would send it. */
export function touchpointEvent(id: string, anonymousId: string, properties: Properties = {}): TouchpointEvent {
  return {
    id,
    type: "touchpoint",
    name: "banner_click",
    anonymousId,
    timestamp: new Date().toISOString(),
    properties,
    context: { url: "https://shop.example/", path: "/" },
  };
}

/** The JSON body of `POST /v1/batch`. */
export function batchBody(writeKey: string, events: readonly unknown[]): string {
  return JSON.stringify({ writeKey, sentAt: new Date().toISOString(), events });
}

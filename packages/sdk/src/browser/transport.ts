import { guard } from "../core/guard.js";

/*
 * Bodies are strings, so fetch and sendBeacon send them as text/plain: a CORS-simple request
 * that needs no preflight. The write key travels in the body.
 */
export const postBatch =
  (url: string) =>
  (body: string): Promise<Response> =>
    fetch(url, { method: "POST", body });

/**
 * For a page being hidden or left: sendBeacon, else a keepalive fetch. Falsy when the beacon was
 * refused: the fetch may still arrive but nothing will say so, so the events stay queued (a
 * resend is deduplicated).
 */
export const beaconBatch =
  (url: string) =>
  (body: string): boolean | undefined =>
    guard(() => navigator.sendBeacon(url, body)) || void fetch(url, { method: "POST", body, keepalive: true }).catch(() => {});

import { vi } from "vitest";
import { recordingCollector } from "./recording-collector.js";

/**
 * Routes the page's fetch and sendBeacon to a recording collector. fetch calls are kept too, to
 * check their URL and options.
 */
export function stubNetwork() {
  const collector = recordingCollector();
  const fetches: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn((url: string, init: RequestInit) => {
      fetches.push({ url, init });
      return collector.post(init.body as string);
    }),
  );
  const beacons: string[] = [];
  vi.spyOn(navigator, "sendBeacon").mockImplementation((url, body) => {
    beacons.push(String(url));
    return collector.beacon(body as string);
  });
  return { collector, fetches, beacons };
}

/** Overrides a getter of a DOM object (document.hidden, navigator.onLine, ...) until `restore`. */
export function override<T extends object>(target: T, property: string, value: unknown): () => void {
  Object.defineProperty(target, property, { get: () => value, configurable: true });
  return () => void delete (target as Record<string, unknown>)[property];
}

/** Forgets everything a test stored in localStorage and cookies. */
export function clearDeviceStorage(): void {
  localStorage.clear();
  for (const cookie of document.cookie.split("; ")) {
    const name = cookie.split("=")[0];
    if (name) document.cookie = `${name}=;path=/;expires=Thu, 01 Jan 1970 00:00:00 GMT`;
  }
}

export const setUrl = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);

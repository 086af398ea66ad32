import { guard } from "../core/guard.js";
import { COOKIE_MAX_AGE_S, COOKIE_MAX_CHARS } from "../core/settings.js";
import type { KeyValueStore } from "../core/store.js";

export interface BrowserStore extends KeyValueStore {
  /** Writes to the device what was kept in memory while that was not allowed (consent just granted). */
  sync(): void;
}

/**
 * First-party storage: localStorage, then (where localStorage throws) a cookie for short values,
 * then memory; every device call is guarded (private modes, disabled storage, sandboxed frames, full quotas throw). A value
 * reaches the device only when `persist(key)` allows (consent). `cookieless` keeps everything in
 * sessionStorage instead (this tab only, gone when it closes) and never sets a cookie.
 * Memory holds only what the device did not take, so reads of other keys see other tabs' writes.
 */
export function browserStore(persist: (key: string) => boolean, cookieless?: boolean): BrowserStore {
  const memory = new Map<string, string>();
  /*
   * What this page last read or wrote, kept until another tab changes the key (the storage
   * event): every event reads the ids and the session, and each read asks the browser.
   */
  const seen = new Map<string, string | null | undefined>();
  addEventListener("storage", ({ key }) => (key === null ? seen.clear() : seen.delete(key)));
  const device = () => (cookieless ? sessionStorage : localStorage);
  const cookie = (key: string, value: string, maxAge: number) =>
    cookieless || guard(() => (document.cookie = `${key}=${encodeURIComponent(value)};path=/;max-age=${maxAge}`));
  const write = (key: string, value: string) => {
    seen.delete(key);
    if (persist(key)) {
      if (guard(() => device().setItem(key, value) ?? 1)) {
        seen.set(key, value);
        return void memory.delete(key);
      }
      // The browser may refuse the cookie silently: memory keeps the value for this page either way.
      if (value.length < COOKIE_MAX_CHARS) cookie(key, value, COOKIE_MAX_AGE_S);
    }
    memory.set(key, value);
  };
  return {
    read(key) {
      if (!seen.has(key))
        seen.set(
          key,
          guard(() => device().getItem(key)),
        );
      const stored = memory.get(key) ?? seen.get(key);
      // Cookies only where the device storage throws: reading document.cookie asks the browser
      // process (it cost most of a track() call). An erased cookie may linger empty: nothing
      // stored is ever the empty string.
      return stored !== undefined
        ? stored
        : (!cookieless && guard(() => decodeURIComponent(document.cookie.match(`(^|; )${key}=([^;]*)`)![2]!))) || null;
    },
    write,
    erase(key) {
      memory.delete(key);
      seen.delete(key);
      guard(() => device().removeItem(key));
      cookie(key, "", 0);
    },
    list: () => guard(() => Object.keys(device())) ?? [],
    sync() {
      for (const [key, value] of memory) write(key, value);
    },
  };
}

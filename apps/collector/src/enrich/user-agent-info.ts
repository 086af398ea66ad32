/**
 * What a user-agent string says: bot or not (bot-user-agent.ts: isbot's crawlers, not HTTP
 * clients), and the browser, OS and device type (ua-parser-js 1.x; 2.x is AGPL). A parse costs tens of microseconds and a site's visitors share
 * a few hundred user agents, so answers are cached per string.
 */
import type { DeviceInfo } from "@touchpoint/journeys";
import UAParser from "ua-parser-js";
import { isBotUserAgent } from "./bot-user-agent.js";
import { LruCache } from "./lru-cache.js";

export interface UserAgentInfo {
  bot: boolean;
  device: DeviceInfo;
}

export type UserAgentLookup = (userAgent: string) => UserAgentInfo;

export const USER_AGENT_CACHE_ENTRIES = 1_000;

export function describeUserAgent(userAgent: string): UserAgentInfo {
  const { browser, os, device } = UAParser(userAgent);
  const browserName = browser.name ?? null;
  const osName = os.name ?? null;
  // ua-parser-js names a device type only for non-desktops; with neither browser nor OS known
  // there is no reason to guess a desktop.
  const type = device.type ?? (browserName === null && osName === null ? "unknown" : "desktop");
  return { bot: isBotUserAgent(userAgent), device: { browser: browserName, os: osName, type } };
}

/**
 * describeUserAgent behind a bounded LRU cache; the returned objects are shared, do not change
 * them. The events of a batch mostly share the request's user agent, so the last answer is kept
 * aside and a repeat costs a string comparison instead of the cache's two map updates.
 */
export function createUserAgentLookup(maxEntries: number = USER_AGENT_CACHE_ENTRIES): UserAgentLookup {
  const cache = new LruCache<string, UserAgentInfo>(maxEntries);
  let lastUserAgent: string | null = null;
  let lastInfo: UserAgentInfo | null = null;
  return (userAgent) => {
    if (userAgent === lastUserAgent && lastInfo !== null) return lastInfo;
    let info = cache.get(userAgent);
    if (info === undefined) {
      info = describeUserAgent(userAgent);
      cache.set(userAgent, info);
    }
    lastUserAgent = userAgent;
    lastInfo = info;
    return info;
  };
}

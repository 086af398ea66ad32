/**
 * Everything the channel rules look at, read once from an event's context: the rules then test
 * plain fields, and a session pays for one referrer parse however many rules there are.
 */
import type { EventContext } from "@touchpoint/protocol";
import { hostOf, isSameSite, normalizeSiteHost, withoutWww } from "./host.js";
import { siteKindOfHost, siteKindOfSource, type SiteKind } from "./known-sites.js";

export type ReferrerKind = "internal" | SiteKind | "other";

export interface ChannelSignals {
  /** context.channel, set by server-side sources. */
  explicit: string | null;
  /** gclid, gbraid, wbraid or msclkid: Google Ads and Microsoft Ads auto-tagging. */
  searchClickId: boolean;
  /** dclid: Campaign Manager / Display & Video 360. */
  displayClickId: boolean;
  /** fbclid, ttclid, li_fat_id or twclid. */
  socialClickId: boolean;
  /** utm_medium lower-cased, runs of spaces and underscores as "-"; "" when absent or "(none)". */
  medium: string;
  /** utm_source lower-cased; "" when absent or "(direct)". */
  source: string;
  sourceKind: SiteKind | null;
  /** null when there is no usable referrer. */
  referrer: ReferrerKind | null;
}

const MEDIUM_SEPARATORS = /[\s_]+/g;
const NO_MEDIUM = new Set(["(none)", "(not set)", "none"]);
const NO_SOURCE = new Set(["(direct)", "(not set)"]);

function normalizeMedium(medium: string | undefined): string {
  if (medium === undefined) return "";
  const normal = medium.trim().toLowerCase().replace(MEDIUM_SEPARATORS, "-");
  return NO_MEDIUM.has(normal) ? "" : normal;
}

function normalizeSource(source: string | undefined): string {
  if (source === undefined) return "";
  const normal = source.trim().toLowerCase();
  return NO_SOURCE.has(normal) ? "" : normal;
}

function hasAny(values: Partial<Record<string, string>> | undefined, keys: readonly string[]): boolean {
  if (values === undefined) return false;
  for (const key of keys) if (values[key]) return true;
  return false;
}

/**
 * The site's own host decides what is internal: `siteHost` when the caller knows it, else the
 * host of the page the event happened on (a referrer from the same host is navigation inside it).
 */
function referrerKind(context: EventContext, siteHost: string | null | undefined): ReferrerKind | null {
  if (!context.referrer) return null;
  const host = hostOf(context.referrer);
  if (host === null) return null;
  const pageHost = context.url === undefined ? null : hostOf(context.url);
  const site = siteHost ? normalizeSiteHost(siteHost) : pageHost === null ? null : withoutWww(pageHost);
  if (site !== null && isSameSite(withoutWww(host), site)) return "internal";
  return siteKindOfHost(host) ?? "other";
}

export function channelSignals(context: EventContext, siteHost?: string | null): ChannelSignals {
  const source = normalizeSource(context.utm?.source);
  return {
    explicit: context.channel || null,
    searchClickId: hasAny(context.clickId, ["gclid", "gbraid", "wbraid", "msclkid"]),
    displayClickId: hasAny(context.clickId, ["dclid"]),
    socialClickId: hasAny(context.clickId, ["fbclid", "ttclid", "li_fat_id", "twclid"]),
    medium: normalizeMedium(context.utm?.medium),
    source,
    sourceKind: source === "" ? null : siteKindOfSource(source),
    referrer: referrerKind(context, siteHost),
  };
}

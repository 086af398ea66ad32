/**
 * A session's traffic source as GA4 derives it, read once from the context of its landing event:
 * the rules then test plain fields, and a session pays for one referrer parse however many rules
 * there are.
 *
 * Source and medium come from, in order: Google's ad click ids (auto-tagging wins over utm tags,
 * as in GA4: gclid, gbraid, wbraid are google / cpc, dclid is dfa / cpm); utm_source and
 * utm_medium (from `context.utm`, else from the landing URL's query); Microsoft's msclkid
 * (bing / cpc); an external referrer (its host / referral); a social network's click id (fbclid is
 * facebook, ttclid tiktok, li_fat_id linkedin, twclid twitter, medium none: these networks add it to
 * organic links too); else nothing (direct). A referrer from the site itself is navigation inside
 * it, never a source.
 */
import type { EventContext } from "@touchpoint/protocol";
import type { SourceCategory } from "./ga4-source-categories.js";
import { hostOf, isSameSite, normalizeSiteHost, withoutWww } from "./host.js";
import { hostCategoryOf, sourceCategoryOf } from "./source-category.js";
import { withUrlParameters } from "./url-parameters.js";

export interface ChannelSignals {
  /** context.channel, set by server-side sources. */
  explicit: string | null;
  /** Lower-cased and trimmed; "" for none ("(direct)", "(not set)"). */
  source: string;
  /** Lower-cased and trimmed; "" for none ("(none)", "(not set)"). */
  medium: string;
  /** utm_campaign lower-cased and trimmed; "" for none. */
  campaign: string;
  /** GA4's source category of the source (search, social, video, shopping), or null. */
  category: SourceCategory | null;
  /** The referrer was a page of the site itself (and nothing else told where the visit came from). */
  sameSiteReferrer: boolean;
}

const NO_MEDIUM = new Set(["(none)", "(not set)", "none"]);
const NO_SOURCE = new Set(["(direct)", "(not set)"]);

const GOOGLE_CLICK_IDS = ["gclid", "gbraid", "wbraid"] as const;
const SOCIAL_CLICK_IDS = [
  ["fbclid", "facebook"],
  ["ttclid", "tiktok"],
  ["li_fat_id", "linkedin"],
  ["twclid", "twitter"],
] as const;

function normalized(value: string | undefined, none: ReadonlySet<string>): string {
  if (value === undefined) return "";
  const normal = value.trim().toLowerCase();
  return none.has(normal) ? "" : normal;
}

/**
 * The referrer's host, or null when there is none or it is the site itself (sameSite). The site's own host decides what is internal: `siteHost` when the caller knows it, else the
 * host of the page the event happened on.
 */
export function referrerHost(context: EventContext, siteHost: string | null | undefined): { host: string | null; sameSite: boolean } {
  if (!context.referrer) return { host: null, sameSite: false };
  const host = hostOf(context.referrer);
  if (host === null) return { host: null, sameSite: false };
  const pageHost = context.url === undefined ? null : hostOf(context.url);
  const site = siteHost ? normalizeSiteHost(siteHost) : pageHost === null ? null : withoutWww(pageHost);
  if (site !== null && isSameSite(withoutWww(host), site)) return { host: null, sameSite: true };
  return { host, sameSite: false };
}

export function channelSignals(original: EventContext, siteHost?: string | null): ChannelSignals {
  const context = withUrlParameters(original);
  const clickId = context.clickId ?? {};
  const campaign = normalized(context.utm?.campaign, NO_SOURCE);
  const signals = (
    source: string,
    medium: string,
    category = source === "" ? null : sourceCategoryOf(source),
    sameSiteReferrer = false,
  ): ChannelSignals => ({
    explicit: context.channel || null,
    source,
    medium,
    campaign,
    category,
    sameSiteReferrer,
  });
  if (GOOGLE_CLICK_IDS.some((param) => clickId[param])) return signals("google", "cpc");
  if (clickId.dclid) return signals("dfa", "cpm");
  const source = normalized(context.utm?.source, NO_SOURCE);
  const medium = normalized(context.utm?.medium, NO_MEDIUM);
  if (source !== "" || medium !== "") return signals(source, medium);
  if (clickId.msclkid) return signals("bing", "cpc");
  const referrer = referrerHost(context, siteHost);
  if (referrer.host !== null) {
    const category = hostCategoryOf(referrer.host);
    return signals(withoutWww(referrer.host), category === "search" ? "organic" : "referral", category);
  }
  const social = SOCIAL_CLICK_IDS.find(([param]) => clickId[param]);
  if (social !== undefined) return signals(social[1], "");
  return signals("", "", null, referrer.sameSite);
}

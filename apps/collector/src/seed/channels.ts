import type { EventContext } from "@touchpoint/protocol";
import type { SeededRandom } from "./seeded-random.js";

/** How a visit arrived, as the browser SDK sees it at a session's start: UTM tags, click ids and the referrer. */
export type ArrivalChannel =
  | "paid_search"
  | "organic_search"
  | "paid_social"
  | "organic_social"
  | "email"
  | "display"
  | "affiliates"
  | "referral"
  | "direct";

export const SHOP_URL = "https://shop.example";

type Arrival = Pick<EventContext, "referrer" | "utm" | "clickId"> & { query?: string };

/** Each channel's tagging, written so that journeys' channel table classifies the session back to it. */
function arrival(channel: ArrivalChannel, random: SeededRandom): Arrival {
  switch (channel) {
    case "paid_search": {
      const bing = random.chance(0.2);
      const campaign = random.pick(["brand", "spring_sale", "rain_gear"]);
      const clickId = random.hex(24);
      return {
        referrer: bing ? "https://www.bing.com/" : "https://www.google.com/",
        utm: { source: bing ? "bing" : "google", medium: "cpc", campaign, term: random.pick(["trail shoes", "rain jacket", "headlamp"]) },
        clickId: bing ? { msclkid: clickId } : { gclid: clickId },
        query: `utm_source=${bing ? "bing" : "google"}&utm_medium=cpc&utm_campaign=${campaign}&${bing ? "msclkid" : "gclid"}=${clickId}`,
      };
    }
    case "organic_search":
      return { referrer: random.pick(["https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/"]) };
    case "paid_social": {
      const source = random.pick(["facebook", "instagram"]);
      const fbclid = random.hex(32);
      return {
        referrer: source === "facebook" ? "https://l.facebook.com/" : "https://l.instagram.com/",
        utm: { source, medium: "paid_social", campaign: "spring_sale" },
        clickId: { fbclid },
        query: `utm_source=${source}&utm_medium=paid_social&utm_campaign=spring_sale&fbclid=${fbclid}`,
      };
    }
    case "organic_social":
      return {
        referrer: random.pick([
          "https://www.facebook.com/",
          "https://t.co/",
          "https://www.reddit.com/r/ultralight/",
          "https://www.instagram.com/",
        ]),
      };
    case "email": {
      const campaign = random.pick(["weekly_digest", "new_arrivals", "winback"]);
      return {
        utm: { source: "newsletter", medium: "email", campaign },
        query: `utm_source=newsletter&utm_medium=email&utm_campaign=${campaign}`,
      };
    }
    case "display":
      return {
        referrer: "https://www.outdoor-news.example/",
        utm: { source: "gdn", medium: "display", campaign: "retargeting", content: random.pick(["banner_300x250", "banner_728x90"]) },
        query: "utm_source=gdn&utm_medium=display&utm_campaign=retargeting",
      };
    case "affiliates":
      return {
        referrer: "https://dealfinder.example/outdoor",
        utm: { source: "dealfinder", medium: "affiliate", campaign: "coupon_10" },
        query: "utm_source=dealfinder&utm_medium=affiliate&utm_campaign=coupon_10",
      };
    case "referral":
      return { referrer: random.pick(["https://trailblog.example/best-rain-jackets", "https://hikingforum.example/t/gear-list"]) };
    case "direct":
      return {};
  }
}

/** The context of a visit's landing page view: where it arrived and how. */
export function landingContext(channel: ArrivalChannel, path: string, random: SeededRandom): EventContext {
  const { query, ...tags } = arrival(channel, random);
  return { url: `${SHOP_URL}${path}${query ? `?${query}` : ""}`, path, locale: random.pick(["en-GB", "de-DE", "fr-FR", "en-US"]), ...tags };
}

/** A later page of the same visit: its referrer is the shop itself. */
export function pageContext(path: string): EventContext {
  return { url: `${SHOP_URL}${path}`, path, referrer: `${SHOP_URL}/` };
}

/**
 * Which referrers and utm_source values are search engines, social networks or webmail, after
 * GA4's default channel grouping source lists (the major entries; the long tail is referral).
 *
 * A host is looked up three ways, most specific first:
 *   1. the exact host (short links such as t.co, and android-app:// package names),
 *   2. "<subdomain>.<brand>" (mail.google -> email, docs.google -> nothing, search.brave -> search),
 *   3. the brand: the label before the public suffix, so google.com, www.google.co.uk and
 *      google.de are all "google".
 */
export type SiteKind = "search" | "social" | "email";

/** null means "known, and none of the kinds": the lookup stops there and the host is a referral. */
type Lookup = ReadonlyMap<string, SiteKind | null>;

const EXACT_HOSTS: Lookup = new Map<string, SiteKind | null>([
  ["t.co", "social"],
  ["x.com", "social"],
  ["t.me", "social"],
  ["wa.me", "social"],
  ["m.me", "social"],
  ["fb.me", "social"],
  ["lnkd.in", "social"],
  ["youtu.be", "social"],
  ["pin.it", "social"],
  ["redd.it", "social"],
  ["ya.ru", "search"],
  // Android apps send android-app://<package> as the referrer.
  ["com.google.android.googlequicksearchbox", "search"],
  ["com.google.android.gm", "email"],
  ["com.microsoft.office.outlook", "email"],
  ["com.facebook.katana", "social"],
  ["com.facebook.orca", "social"],
  ["com.instagram.android", "social"],
  ["com.linkedin.android", "social"],
  ["com.twitter.android", "social"],
  ["com.reddit.frontpage", "social"],
  ["com.pinterest", "social"],
  ["com.zhiliaoapp.musically", "social"],
  ["com.google.android.youtube", "social"],
  ["org.telegram.messenger", "social"],
]);

const SUBDOMAIN_BRANDS: Lookup = new Map<string, SiteKind | null>([
  ["mail.google", "email"],
  ["inbox.google", "email"],
  ["mail.yahoo", "email"],
  ["mail.aol", "email"],
  ["mail.yandex", "email"],
  ["mail.proton", "email"],
  ["outlook.live", "email"],
  ["outlook.office", "email"],
  ["outlook.office365", "email"],
  ["email.seznam", "email"],
  ["search.brave", "search"],
  ["news.ycombinator", "social"],
  // Google products that are not its search engine: plain referrals.
  ["accounts.google", null],
  ["docs.google", null],
  ["drive.google", null],
  ["sites.google", null],
  ["groups.google", null],
  ["calendar.google", null],
  ["meet.google", null],
  ["play.google", null],
  ["support.google", null],
]);

const BRANDS: Lookup = new Map<string, SiteKind | null>([
  ["google", "search"],
  ["bing", "search"],
  ["duckduckgo", "search"],
  ["yahoo", "search"],
  ["baidu", "search"],
  ["yandex", "search"],
  ["ecosia", "search"],
  ["ask", "search"],
  ["aol", "search"],
  ["naver", "search"],
  ["seznam", "search"],
  ["qwant", "search"],
  ["startpage", "search"],
  ["sogou", "search"],
  ["daum", "search"],
  ["kagi", "search"],
  ["facebook", "social"],
  ["instagram", "social"],
  ["twitter", "social"],
  ["linkedin", "social"],
  ["reddit", "social"],
  ["pinterest", "social"],
  ["tiktok", "social"],
  ["youtube", "social"],
  ["snapchat", "social"],
  ["threads", "social"],
  ["bsky", "social"],
  ["mastodon", "social"],
  ["tumblr", "social"],
  ["quora", "social"],
  ["vk", "social"],
  ["weibo", "social"],
  ["whatsapp", "social"],
  ["telegram", "social"],
  ["discord", "social"],
  ["messenger", "social"],
  ["xing", "social"],
  ["vimeo", "social"],
  ["twitch", "social"],
]);

/** utm_source spellings that are not host names (fb, ig, newsletter, ...). */
const SOURCE_ALIASES: Lookup = new Map<string, SiteKind | null>([
  ["fb", "social"],
  ["ig", "social"],
  ["meta", "social"],
  ["x", "social"],
  ["tw", "social"],
  ["li", "social"],
  ["yt", "social"],
  ["adwords", "search"],
  ["email", "email"],
  ["e-mail", "email"],
  ["e_mail", "email"],
  ["e mail", "email"],
  ["newsletter", "email"],
]);

// Second-level labels of two-label public suffixes: google.co.uk, yandex.com.tr, yahoo.co.jp.
const SECOND_LEVEL_SUFFIXES = new Set(["co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go", "gob"]);

/** Search, social, email or null (a plain referral) for a lower-cased host name. */
export function siteKindOfHost(host: string): SiteKind | null {
  const exact = EXACT_HOSTS.get(host);
  if (exact !== undefined) return exact;
  const labels = host.split(".");
  const count = labels.length;
  if (count < 2) return null;
  const last = labels[count - 1] as string;
  const secondLast = labels[count - 2] as string;
  const suffixLength = count >= 3 && last.length === 2 && SECOND_LEVEL_SUFFIXES.has(secondLast) ? 2 : 1;
  const brand = labels[count - 1 - suffixLength] as string;
  const subdomain = labels[count - 2 - suffixLength];
  if (subdomain !== undefined) {
    const specific = SUBDOMAIN_BRANDS.get(`${subdomain}.${brand}`);
    if (specific !== undefined) return specific;
  }
  return BRANDS.get(brand) ?? null;
}

const SOURCE_TOKEN = /[^a-z0-9]+/;

/**
 * The kind of a lower-cased utm_source: a host name ("m.facebook.com"), a brand ("google"), an
 * alias ("fb", "newsletter") or a brand with a suffix ("facebook_ads", "google-cpc").
 */
export function siteKindOfSource(source: string): SiteKind | null {
  const alias = SOURCE_ALIASES.get(source);
  if (alias !== undefined) return alias;
  if (source.includes(".")) return siteKindOfHost(source);
  const brand = BRANDS.get(source);
  if (brand !== undefined) return brand;
  const first = source.split(SOURCE_TOKEN, 1)[0] as string;
  return SOURCE_ALIASES.get(first) ?? BRANDS.get(first) ?? null;
}

/**
 * Which of GA4's source categories (search, social, video, shopping) a traffic source belongs to.
 * A source is a utm_source value or a referrer's host. Hosts are read with the Public Suffix List
 * (tldts), so `www.google.co.uk` has the registrable domain `google.co.uk` and the name `google`.
 */
import { parse } from "tldts";
import { GA4_SOURCE_CATEGORIES, type SourceCategory } from "./ga4-source-categories.js";

const CATEGORY_OF = new Map<string, SourceCategory>();
for (const [category, sources] of Object.entries(GA4_SOURCE_CATEGORIES) as [SourceCategory, readonly string[]][]) {
  for (const source of sources) CATEGORY_OF.set(source, category);
}

/**
 * Search engines recognised on any of their country domains (google.de, www.google.co.uk,
 * yandex.com.tr), as GA4 recognises organic search referrers; the source list names only some.
 */
const SEARCH_ENGINES = new Set([
  "google",
  "bing",
  "yahoo",
  "yandex",
  "baidu",
  "duckduckgo",
  "ecosia",
  "naver",
  "seznam",
  "qwant",
  "sogou",
  "daum",
]);

/** Android apps send `android-app://<package>` as the referrer: the source they stand for. */
const ANDROID_APPS = new Map<string, string>([
  ["com.google.android.googlequicksearchbox", "google"],
  ["com.google.android.youtube", "youtube"],
  ["com.facebook.katana", "facebook"],
  ["com.facebook.orca", "messenger"],
  ["com.instagram.android", "instagram"],
  ["com.linkedin.android", "linkedin"],
  ["com.twitter.android", "twitter"],
  ["com.reddit.frontpage", "reddit"],
  ["com.pinterest", "pinterest"],
  ["com.zhiliaoapp.musically", "tiktok"],
]);

/** The category of a utm_source value or a host name (lower-cased), or null when it is in none. */
export function sourceCategoryOf(source: string): SourceCategory | null {
  const listed = CATEGORY_OF.get(source);
  if (listed !== undefined) return listed;
  if (!source.includes(".")) return null;
  return hostCategoryOf(source);
}

/**
 * A host is looked up as it is (without `www.`), then by its registrable domain (`l.facebook.com`
 * under `facebook.com`, `foo.blogspot.com` under `blogspot.com`), then, for the search engines
 * above, by name on any public suffix. A search engine's host counts as search only when it is the
 * engine itself (`www.`, `m.` or a `search` subdomain): `docs.google.com` is Google Docs, a referral.
 * Hosts the Google list names exactly (`mail.google.com`, `news.google.com`) keep their category.
 */
export function hostCategoryOf(host: string): SourceCategory | null {
  const app = ANDROID_APPS.get(host);
  if (app !== undefined) return CATEGORY_OF.get(app) ?? null;
  const bare = host.startsWith("www.") ? host.slice(4) : host;
  const exact = CATEGORY_OF.get(bare);
  if (exact !== undefined) return exact;
  // One parse for the three parts; the input is a host already, not a URL.
  const { domain, subdomain, domainWithoutSuffix: name } = parse(bare, { extractHostname: false });
  if (domain === null) return null;
  const byDomain = CATEGORY_OF.get(domain);
  if (byDomain !== undefined && byDomain !== "search") return byDomain;
  const searchEngine = byDomain === "search" || (name !== null && SEARCH_ENGINES.has(name));
  return searchEngine && isSearchHost(subdomain ?? "") ? "search" : null;
}

function isSearchHost(subdomain: string): boolean {
  return subdomain === "" || subdomain === "www" || subdomain === "m" || subdomain.split(".").includes("search");
}

/**
 * Which user agents are bots: crawlers, headless browsers and prerender services, the programs
 * that load pages on their own and whose JavaScript would send SDK events (Googlebot renders
 * pages). HTTP client libraries (curl, node's fetch, python-requests, Go, axios, okhttp, Postman,
 * wget, HTTPie, Java's clients...) are not: a person or a server posting with one means it, and
 * none of them runs the SDK by itself. isbot's list takes both for bots, so its crawler patterns
 * are kept and the patterns it has for HTTP clients and bare product tokens are left out.
 */
import { createIsbotFromList, list } from "isbot";

/**
 * isbot 5 patterns that exist to catch HTTP clients (a bare `name/version` token, "http" or a
 * `.com` anywhere, curl/urllib, node, python, postman, wget, java, perl, rest, php). Each is
 * named exactly as in isbot's list; a test fails when an upgrade renames one.
 */
export const HTTP_CLIENT_PATTERNS: readonly string[] = [
  String.raw`^[\w \.\-\(?:\):%]+(?:/v?\d+(?:\.\d+)?(?:\.\d{1,10})*?)?(?:,|$)`,
  String.raw`^[\w\-]+/[\w]+$`,
  String.raw`^\w+/[\w\(\)]*$`,
  "(?<!lib)http",
  String.raw`\.com\b`,
  "url",
  String.raw`node\b`,
  "^python",
  "^postman",
  "^wget",
  "java(?!;)",
  String.raw`\bperl\b`,
  "^rest",
  "^php",
];

/**
 * Crawlers that only the left-out patterns caught: prerender services (Prerender's user agent is
 * a desktop Chrome plus "Prerender (+https://github.com/prerender/prerender)") and Scrapy.
 */
export const ADDED_CRAWLER_PATTERNS: readonly string[] = ["prerender", "scrapy"];

const excluded = new Set(HTTP_CLIENT_PATTERNS);

/** isbot's list without the HTTP-client patterns, plus the crawlers only those caught. */
export const BOT_PATTERNS: readonly string[] = [...list.filter((pattern) => !excluded.has(pattern)), ...ADDED_CRAWLER_PATTERNS];

export const isBotUserAgent: (userAgent: string) => boolean = createIsbotFromList([...BOT_PATTERNS]);

import { list } from "isbot";
import { describe, expect, it } from "vitest";
import { GOOGLEBOT, HEADLESS_CHROME } from "../testing/user-agents.js";
import { ADDED_CRAWLER_PATTERNS, HTTP_CLIENT_PATTERNS, isBotUserAgent } from "./bot-user-agent.js";

/** HTTP client libraries and tools, with the user agent each sends by default. */
const HTTP_CLIENTS: [string, string][] = [
  ["curl", "curl/8.5.0"],
  ["node fetch (undici)", "node"],
  ["undici", "undici"],
  ["node-fetch", "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)"],
  ["got", "got (https://github.com/sindresorhus/got)"],
  ["axios", "axios/1.6.7"],
  ["python-requests", "python-requests/2.31.0"],
  ["python urllib", "Python-urllib/3.11"],
  ["httpx", "python-httpx/0.27.0"],
  ["aiohttp", "Python/3.11 aiohttp/3.9.1"],
  ["Go net/http", "Go-http-client/1.1"],
  ["Go net/http over HTTP/2", "Go-http-client/2.0"],
  ["okhttp", "okhttp/4.12.0"],
  ["Postman", "PostmanRuntime/7.36.1"],
  ["Insomnia", "insomnia/2023.5.8"],
  ["wget", "Wget/1.21.4"],
  ["HTTPie", "HTTPie/3.2.2"],
  ["Java HttpURLConnection", "Java/17.0.2"],
  ["Java HttpClient", "Java-http-client/17.0.2"],
  ["Apache HttpClient", "Apache-HttpClient/4.5.14 (Java/17.0.2)"],
  ["Perl LWP", "libwww-perl/6.72"],
  ["Guzzle", "GuzzleHttp/7"],
  ["RestSharp", "RestSharp/106.15.0.0"],
  ["Ruby Faraday", "Faraday v2.7.4"],
  ["Deno", "Deno/1.40.0"],
  ["Bun", "Bun/1.0.25"],
];

/** Crawlers, headless browsers and prerender services. */
const BOTS: [string, string][] = [
  ["Googlebot", GOOGLEBOT],
  [
    "Googlebot smartphone (renders JavaScript)",
    "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.199 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  ],
  ["Bingbot", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"],
  ["YandexBot", "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)"],
  ["AhrefsBot", "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)"],
  ["ClaudeBot", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)"],
  ["Facebook link preview", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"],
  ["Twitterbot", "Twitterbot/1.0"],
  ["Slackbot", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"],
  ["Screaming Frog", "Screaming Frog SEO Spider/19.0"],
  ["Scrapy", "Scrapy/2.11.0 (+https://scrapy.org)"],
  ["HeadlessChrome (Puppeteer, Playwright)", HEADLESS_CHROME],
  ["PhantomJS", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/537.36"],
  [
    "Lighthouse",
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse",
  ],
  [
    "Prerender",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Prerender (+https://github.com/prerender/prerender)",
  ],
];

describe("isBotUserAgent", () => {
  it.each(HTTP_CLIENTS)("takes %s (%s) for a person's tool, not a bot", (_, userAgent) => {
    expect(isBotUserAgent(userAgent)).toBe(false);
  });

  it.each(BOTS)("takes %s for a bot", (_, userAgent) => {
    expect(isBotUserAgent(userAgent)).toBe(true);
  });

  it("leaves out only patterns isbot has, and adds only patterns it lacks", () => {
    expect(HTTP_CLIENT_PATTERNS.filter((pattern) => !list.includes(pattern))).toEqual([]);
    expect(ADDED_CRAWLER_PATTERNS.filter((pattern) => list.includes(pattern))).toEqual([]);
  });
});

/**
 * Host names from URLs without `new URL`: referrers and landing URLs come from browsers and
 * servers we do not control, and a hand-rolled scan neither throws nor allocates a URL object.
 */

// Without a scheme we accept only something that plainly starts with a host name.
const BARE_HOST = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d+)?(?:[/?#]|$)/i;

/** The lower-cased host of a URL ("https://www.Google.com:443/x" -> "www.google.com"), or null. */
export function hostOf(url: string): string | null {
  let start: number;
  const scheme = url.indexOf("://");
  if (scheme > 0) start = scheme + 3;
  else if (url.startsWith("//")) start = 2;
  else if (BARE_HOST.test(url)) start = 0;
  else return null;
  let end = url.length;
  for (let i = start; i < url.length; i++) {
    const c = url.charCodeAt(i);
    // '/', '?', '#', '\'
    if (c === 47 || c === 63 || c === 35 || c === 92) {
      end = i;
      break;
    }
  }
  let host = url.slice(start, end);
  const at = host.lastIndexOf("@");
  if (at !== -1) host = host.slice(at + 1);
  if (host.startsWith("[")) {
    const close = host.indexOf("]");
    host = close === -1 ? "" : host.slice(0, close + 1);
  } else {
    const colon = host.indexOf(":");
    if (colon !== -1) host = host.slice(0, colon);
  }
  host = host.toLowerCase();
  if (host.endsWith(".")) host = host.slice(0, -1);
  return host.length > 0 ? host : null;
}

/** A site host as users write it ("https://WWW.shop.example:8080/") reduced to compare: "shop.example". */
export function normalizeSiteHost(host: string): string | null {
  const bare = host.includes("/") ? hostOf(host) : hostOf(`//${host}`);
  return bare === null ? null : withoutWww(bare);
}

export function withoutWww(host: string): string {
  return host.startsWith("www.") ? host.slice(4) : host;
}

/** True when `host` is `site` or one of its subdomains (both already without "www."). */
export function isSameSite(host: string, site: string): boolean {
  return host === site || (host.length > site.length && host.endsWith(site) && host.charCodeAt(host.length - site.length - 1) === 46);
}

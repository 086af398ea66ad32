/**
 * Path patterns of stage rules: `*` matches any run of characters, `/` included, so "/pricing*"
 * covers /pricing, /pricing-teams and /pricing/enterprise; everything else is literal.
 */
import type { EventContext } from "@touchpoint/protocol";

const REGEX_SPECIALS = /[.+?^${}()|[\]\\]/g;

export function compilePathPattern(pattern: string): RegExp {
  const body = pattern.replace(REGEX_SPECIALS, "\\$&").replaceAll("*", ".*");
  return new RegExp(`^${body}$`, "i");
}

/** context.path, or the path part of context.url for sources that send only the URL. */
export function pathOf(context: EventContext): string | null {
  if (context.path !== undefined) return context.path;
  const url = context.url;
  if (url === undefined) return null;
  const scheme = url.indexOf("://");
  const start = url.indexOf("/", scheme === -1 ? 0 : scheme + 3);
  if (start === -1) return "/";
  let end = url.length;
  const query = url.indexOf("?", start);
  if (query !== -1) end = query;
  const hash = url.indexOf("#", start);
  if (hash !== -1 && hash < end) end = hash;
  return url.slice(start, end);
}

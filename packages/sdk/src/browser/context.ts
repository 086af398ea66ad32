import { CLICK_ID_PARAMS } from "@touchpoint/protocol/names";
import type { EventContext } from "@touchpoint/protocol/types";
import { guard } from "../core/guard.js";

/** Cut to the protocol's string length, so that a long URL never gets an event rejected. */
const cut = (text: string, max = 2000) => text.slice(0, max);

/**
 * The URL without the query parameters named in `strip`, or with an empty list without any but
 * utm_* and ad click ids (the campaign). The URL as it was when there is nothing to strip.
 */
export const stripQuery = (href: string, strip?: string[]): string =>
  (strip &&
    guard(() => {
      const url = new URL(href);
      for (const name of [...url.searchParams.keys()]) {
        if (strip.length ? strip.includes(name) : !(name.startsWith("utm_") || (CLICK_ID_PARAMS as readonly string[]).includes(name)))
          url.searchParams.delete(name);
      }
      return url.href;
    })) ||
  href;

/** Where an event happened. The URL is read again only when it changed (each read asks the browser). */
export const pageContext = (strip?: string[]): EventContext => {
  const href = location.href;
  if (href !== last.href || strip !== last.strip) {
    last = {
      href,
      strip,
      url: cut(stripQuery(href, strip)),
      path: cut(location.pathname),
      referrer: cut(stripQuery(document.referrer, strip)),
      locale: navigator.language,
      screen: { width: screen.width, height: screen.height },
    };
  }
  const { url, path, referrer, locale, screen: size } = last;
  return { url, path, referrer, title: cut(document.title, 512), locale, screen: size };
};

let last: EventContext & { href?: string; strip?: string[] } = {};

import type { EventContext } from "@touchpoint/protocol/types";

/** Cut to the protocol's string length, so that a long URL never gets an event rejected. */
const cut = (text: string, max = 2000) => text.slice(0, max);

/** Where an event happened. */
export const pageContext = (): EventContext => ({
  url: cut(location.href),
  path: cut(location.pathname),
  referrer: cut(document.referrer),
  title: cut(document.title, 512),
  locale: navigator.language,
  screen: { width: screen.width, height: screen.height },
});

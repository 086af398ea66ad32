/**
 * The read key: given once (typed in, or in the link's fragment `#key=...`, which browsers never
 * send to a server) and kept in sessionStorage, so it is gone when the tab closes.
 */
const STORAGE_KEY = "touchpoint.readKey";

function storage(win: Window): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
}

export function saveReadKey(win: Window, key: string): void {
  try {
    storage(win)?.setItem(STORAGE_KEY, key);
  } catch {
    // Storage full or refused: the key lives as long as the page.
  }
}

export function forgetReadKey(win: Window): void {
  try {
    storage(win)?.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored.
  }
}

/**
 * The key from `#key=...` (saved, and the fragment removed from the address bar and history so it
 * does not linger in screenshots or bookmarks), else the one saved earlier in this tab, else null.
 */
export function takeReadKey(win: Window): string | null {
  const fragment = new URLSearchParams(win.location.hash.replace(/^#/, ""));
  const fromLink = fragment.get("key")?.trim();
  if (fragment.has("key")) {
    fragment.delete("key");
    const rest = fragment.toString();
    win.history.replaceState(win.history.state, "", `${win.location.pathname}${win.location.search}${rest ? `#${rest}` : ""}`);
  }
  if (fromLink) {
    saveReadKey(win, fromLink);
    return fromLink;
  }
  try {
    return storage(win)?.getItem(STORAGE_KEY) || null;
  } catch {
    return null;
  }
}

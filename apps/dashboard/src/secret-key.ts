/**
 * The site's secret key, for what the read key cannot do: automation rules and their runs, recorded
 * spend. Typed into a form when wanted and held in this page's memory only: never in storage or the
 * link, so it is gone on reload and with the read key.
 */
export interface SecretKey {
  get(): string | null;
  /** Keeps a new key and tells the listeners (the panels that show what it opens). */
  set(key: string): void;
  subscribe(listener: (key: string) => void): void;
}

export function createSecretKey(): SecretKey {
  let current: string | null = null;
  const listeners: ((key: string) => void)[] = [];
  return {
    get: () => current,
    set(key) {
      const next = key.trim();
      if (!next || next === current) return;
      current = next;
      for (const listener of listeners) listener(next);
    },
    subscribe: (listener) => void listeners.push(listener),
  };
}

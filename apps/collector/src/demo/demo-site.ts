import type { Site, SiteDirectory } from "../store/store.js";
import { readDemoKeys, writeDemoKeys, type DemoKeys } from "./demo-keys.js";

export interface DemoSite {
  site: Site;
  keys: DemoKeys;
  /** How the keys came about, for the start-up message; null when the saved ones still work. */
  note: string | null;
}

/** The origins a browser on the demo shop sends, by either loopback name. */
export function shopOrigins(shopPort: number): string[] {
  return [`http://127.0.0.1:${shopPort}`, `http://localhost:${shopPort}`];
}

/**
 * The site named "demo" (created on first start) with a read key that works, saved in
 * `keysPath`. Keys are stored hashed, so a saved read key that no longer matches (file lost,
 * key rotated) is replaced by rotating it: the dashboard link must always work.
 */
export async function ensureDemoSite(store: SiteDirectory, keysPath: string, origins: readonly string[]): Promise<DemoSite> {
  const existing = (await store.listSites()).find((s) => s.name === "demo");
  if (!existing) {
    const created = await store.createSite({ name: "demo", origins: [...origins] });
    const keys = { siteId: created.id, readKey: created.readKey, secretKey: created.secretKey };
    writeDemoKeys(keysPath, keys);
    return { site: created, keys, note: `Created the site "demo" (${created.id}); its keys are saved in ${keysPath}.` };
  }
  await allowOrigins(store, existing, origins);
  const saved = readDemoKeys(keysPath);
  if (saved?.siteId === existing.id && (await store.findSiteByReadKey(saved.readKey))?.id === existing.id) {
    return { site: existing, keys: saved, note: null };
  }
  const readKey = await store.rotateKey(existing.id, "read");
  if (readKey === null) throw new Error(`the site "demo" (${existing.id}) disappeared`);
  const keys = { siteId: existing.id, readKey, secretKey: saved?.siteId === existing.id ? saved.secretKey : null };
  writeDemoKeys(keysPath, keys);
  return {
    site: existing,
    keys,
    note: `No working read key of the site "demo" was saved: replaced it with a new one, saved in ${keysPath}.`,
  };
}

/** Adds the shop's origins to a site that limits origins (an empty list allows every origin already). */
export async function allowOrigins(store: SiteDirectory, site: Site, origins: readonly string[]): Promise<void> {
  const missing = origins.filter((o) => !site.origins.includes(o));
  if (site.origins.length === 0 || missing.length === 0) return;
  site.origins = [...site.origins, ...missing];
  await store.setSiteOrigins(site.id, site.origins);
}

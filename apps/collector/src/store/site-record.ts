/** A sites row as both stores read it (JSON kept as text), and the Site the collector works with. */
import { hashKey, newReadKey, newSecretKey, newSiteId, newWriteKey } from "./keys.js";
import type { NewSite, Site } from "./store.js";

export interface SiteRecord {
  id: string;
  name: string;
  writeKey: string;
  origins: string;
  stageModel: string | null;
  createdAt: number;
}

export function toSite(r: SiteRecord): Site {
  return {
    id: r.id,
    name: r.name,
    writeKey: r.writeKey,
    origins: JSON.parse(r.origins) as string[],
    stageModel: r.stageModel === null ? null : (JSON.parse(r.stageModel) as unknown),
    createdAt: r.createdAt,
  };
}

/** A new site's row and the plain keys that are shown once; only hashes of the secret ones are stored. */
export function newSiteRow({ name, origins }: NewSite) {
  const readKey = newReadKey();
  const secretKey = newSecretKey();
  const row = {
    id: newSiteId(),
    name,
    writeKey: newWriteKey(),
    readKeyHash: hashKey(readKey),
    secretKeyHash: hashKey(secretKey),
    origins: JSON.stringify(origins),
    createdAt: Date.now(),
  };
  return { row, readKey, secretKey };
}

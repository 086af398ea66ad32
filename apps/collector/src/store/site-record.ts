/** A sites row as both stores read it (JSON kept as text), and the Site the collector works with. */
import type { Site } from "./store.js";

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

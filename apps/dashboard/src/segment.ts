/**
 * The dashboard's filters: one segment of people every report takes (README "Segments"). In the
 * page's URL they use the API's own parameter names, so a shared link and an API call read alike.
 */
export interface Segment {
  /** Any of these channels, at any time; empty: every channel. */
  channels: string[];
  /** "" for every campaign. */
  campaign: string;
  /** One trait to match as text, or null. */
  trait: { key: string; value: string } | null;
}

export const NO_SEGMENT: Segment = { channels: [], campaign: "", trait: null };

const TRAIT_PREFIX = "trait.";

/** "persona=trail_runner" as a trait to match, or null when it is not KEY=VALUE with both given. */
export function parseTrait(text: string): { key: string; value: string } | null {
  const at = text.indexOf("=");
  const key = text.slice(0, Math.max(at, 0)).trim();
  const value = text.slice(at + 1).trim();
  return at > 0 && key && value ? { key, value } : null;
}

export function traitText(trait: Segment["trait"]): string {
  return trait ? `${trait.key}=${trait.value}` : "";
}

export function isFiltered(segment: Segment): boolean {
  return segment.channels.length > 0 || segment.campaign !== "" || segment.trait !== null;
}

/** The segment as query parameters of every report: channel=a,b · campaign=x · trait.KEY=VALUE. */
export function segmentParams(segment: Segment): Record<string, string> {
  const params: Record<string, string> = {};
  if (segment.channels.length > 0) params.channel = segment.channels.join(",");
  if (segment.campaign) params.campaign = segment.campaign;
  if (segment.trait) params[`${TRAIT_PREFIX}${segment.trait.key}`] = segment.trait.value;
  return params;
}

/** The segment a URL's query names (the first trait.KEY when several). */
export function readSegment(search: URLSearchParams): Segment {
  const channels = (search.get("channel") ?? "")
    .split(",")
    .map((channel) => channel.trim())
    .filter(Boolean);
  const traitEntry = [...search.entries()].find(([name]) => name.startsWith(TRAIT_PREFIX) && name.length > TRAIT_PREFIX.length);
  return {
    channels: [...new Set(channels)],
    campaign: (search.get("campaign") ?? "").trim(),
    trait: traitEntry ? parseTrait(`${traitEntry[0].slice(TRAIT_PREFIX.length)}=${traitEntry[1]}`) : null,
  };
}

/** Writes the segment into a URL query, replacing whatever filters it held. */
export function writeSegment(search: URLSearchParams, segment: Segment): void {
  for (const name of [...search.keys()])
    if (name === "channel" || name === "campaign" || name.startsWith(TRAIT_PREFIX)) search.delete(name);
  for (const [name, value] of Object.entries(segmentParams(segment))) search.set(name, value);
}

/** How the filters read: "channel email or paid_search · campaign spring_sale · persona = trail_runner". */
export function describeSegment(segment: Segment): string {
  const parts: string[] = [];
  if (segment.channels.length > 0) parts.push(`channel ${segment.channels.join(" or ")}`);
  if (segment.campaign) parts.push(`campaign ${segment.campaign}`);
  if (segment.trait) parts.push(`${segment.trait.key} = ${segment.trait.value}`);
  return parts.join(" · ");
}

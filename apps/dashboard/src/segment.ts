/**
 * The dashboard's filters: one segment of people every report takes (README "Segments"), and the
 * stage model the reports are read through. In the page's URL they use the API's own parameter
 * names, so a shared link and an API call read alike.
 */
export interface Segment {
  /** Any of these channels, at any time; empty: every channel. */
  channels: string[];
  /** "" for every campaign. */
  campaign: string;
  /** "" for every device type (desktop, mobile, tablet, ...). */
  deviceType: string;
  /** One trait to match as text, or null. */
  trait: { key: string; value: string } | null;
  /** "" for the site's own stage model, else a shipped one's name (sales_funnel, ...). */
  stageModel: string;
}

export const NO_SEGMENT: Segment = { channels: [], campaign: "", deviceType: "", trait: null, stageModel: "" };

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

/** Whether the reports count only some people (the stage model changes stages, not who is counted). */
export function isFiltered(segment: Segment): boolean {
  return segment.channels.length > 0 || segment.campaign !== "" || segment.deviceType !== "" || segment.trait !== null;
}

/** The segment as query parameters of every report: channel=a,b · campaign=x · deviceType=x · trait.KEY=VALUE · stageModel=x. */
export function segmentParams(segment: Segment): Record<string, string> {
  const params: Record<string, string> = {};
  if (segment.channels.length > 0) params.channel = segment.channels.join(",");
  if (segment.campaign) params.campaign = segment.campaign;
  if (segment.deviceType) params.deviceType = segment.deviceType;
  if (segment.trait) params[`${TRAIT_PREFIX}${segment.trait.key}`] = segment.trait.value;
  if (segment.stageModel) params.stageModel = segment.stageModel;
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
    deviceType: (search.get("deviceType") ?? "").trim(),
    trait: traitEntry ? parseTrait(`${traitEntry[0].slice(TRAIT_PREFIX.length)}=${traitEntry[1]}`) : null,
    // "site" is the API's name for the default, and a name the API does not know reads as it: the link leaves both out.
    stageModel: knownStageModel((search.get("stageModel") ?? "").trim()),
  };
}

const SEGMENT_NAMES = new Set(["channel", "campaign", "deviceType", "stageModel"]);

/** Writes the segment into a URL query, replacing whatever filters it held. */
export function writeSegment(search: URLSearchParams, segment: Segment): void {
  for (const name of [...search.keys()]) if (SEGMENT_NAMES.has(name) || name.startsWith(TRAIT_PREFIX)) search.delete(name);
  for (const [name, value] of Object.entries(segmentParams(segment))) search.set(name, value);
}

/** How the people filters read: "channel email or paid_search · campaign spring_sale · device mobile · persona = trail_runner". */
export function describeSegment(segment: Segment): string {
  const parts: string[] = [];
  if (segment.channels.length > 0) parts.push(`channel ${segment.channels.join(" or ")}`);
  if (segment.campaign) parts.push(`campaign ${segment.campaign}`);
  if (segment.deviceType) parts.push(`device ${segment.deviceType}`);
  if (segment.trait) parts.push(`${segment.trait.key} = ${segment.trait.value}`);
  return parts.join(" · ");
}

/** The shipped stage models' names as the dashboard says them ("site" is the site's own). */
const STAGE_MODEL_TITLES: Record<string, string> = {
  site: "This site's",
  default: "Default",
  three_stage: "Three-stage",
  sales_funnel: "Sales funnel",
};

const knownStageModel = (name: string) => (name !== "site" && Object.hasOwn(STAGE_MODEL_TITLES, name) ? name : "");

export function stageModelTitle(name: string): string {
  return STAGE_MODEL_TITLES[name || "site"] ?? name;
}

/**
 * What every panel's result says first: "Only people with channel email." and, under another
 * stage model, "Stages of the Sales funnel model."; "" when the reports read everyone in the site's stages.
 */
export function segmentNote(segment: Segment): string {
  const parts: string[] = [];
  if (isFiltered(segment)) parts.push(`Only people with ${describeSegment(segment)}.`);
  if (segment.stageModel) parts.push(`Stages of the ${stageModelTitle(segment.stageModel)} model.`);
  return parts.join(" ");
}

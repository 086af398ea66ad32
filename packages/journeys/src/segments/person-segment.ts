/**
 * Who a report looks at: the people whose traits match and, when channels, campaigns or device
 * types are named, who had at least one touchpoint (an event, for devices) from one of them at any
 * time in their journey. Every report
 * (funnel, attribution, moments of truth, paths, customer value, the customer list) reads the
 * same segment, so a dashboard filter means the same people in every panel.
 */
import type { JourneyDigest, JourneySummary } from "../journey/journey-digest.js";

export interface PersonSegment {
  /** Trait KEY as text must be VALUE, for every entry. */
  traits: Readonly<Record<string, string>>;
  /** A touchpoint in one of these channels; any channel when empty. */
  channels: readonly string[];
  /** A touchpoint whose session's campaign is one of these; any campaign when empty. */
  campaigns: readonly string[];
  /** An event from one of these device types (desktop, mobile, tablet, ...); any device when empty. */
  deviceTypes: readonly string[];
}

export const EVERYONE: PersonSegment = { traits: {}, channels: [], campaigns: [], deviceTypes: [] };

export const isEveryone = (segment: PersonSegment) =>
  segment.channels.length === 0 &&
  segment.campaigns.length === 0 &&
  segment.deviceTypes.length === 0 &&
  Object.keys(segment.traits).length === 0;

/** Channels and campaigns are read from touchpoints: a summary alone cannot tell. */
export const segmentNeedsTouchpoints = (segment: PersonSegment) => segment.channels.length > 0 || segment.campaigns.length > 0;

export function traitsMatch(journey: Pick<JourneySummary, "traits">, wanted: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(wanted)) {
    const trait = journey.traits[key];
    if (trait === undefined || String(trait) !== value) return false;
  }
  return true;
}

/** Whether the person is in the segment; `touchpoints` must be present when segmentNeedsTouchpoints. */
export function inSegment(journey: JourneySummary & Partial<Pick<JourneyDigest, "touchpoints">>, segment: PersonSegment): boolean {
  if (!traitsMatch(journey, segment.traits)) return false;
  const { deviceTypes } = segment;
  if (deviceTypes.length > 0 && !journey.deviceTypes?.some((type) => deviceTypes.includes(type))) return false;
  if (!segmentNeedsTouchpoints(segment)) return true;
  const touchpoints = journey.touchpoints;
  if (touchpoints === undefined) throw new Error("a segment by channel or campaign needs the journey's touchpoints");
  const { channels, campaigns } = segment;
  const channelMatches = channels.length === 0 || touchpoints.some((touch) => channels.includes(touch.channel));
  const campaignMatches =
    campaigns.length === 0 || touchpoints.some((touch) => touch.campaign !== undefined && campaigns.includes(touch.campaign));
  return channelMatches && campaignMatches;
}

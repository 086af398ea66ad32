/**
 * The site's journeys as a report reads them, narrowed to a segment (the dashboard's filters).
 * Everyone streams straight from the store; a segment by channel or campaign reads digests,
 * since a summary has no touchpoints.
 */
import {
  inSegment,
  type AttributionJourney,
  isEveryone,
  segmentNeedsTouchpoints,
  type JourneyDigest,
  type JourneySummary,
  type PersonSegment,
} from "@touchpoint/journeys";
import type { JourneyReader, Site, StoredSpend, StreamDigestsOptions, StreamPersonsOptions } from "../store/store.js";
import { inPages } from "./in-pages.js";
import { asOfSite, digestsAsOf, modelKeyOf, type AsOf } from "./site-journeys.js";

async function* inSegmentOnly<T extends JourneySummary>(journeys: AsyncIterable<T>, segment: PersonSegment): AsyncIterable<T> {
  for await (const journey of journeys) if (inSegment(journey, segment)) yield journey;
}

export function segmentDigests(
  store: JourneyReader,
  siteId: string,
  segment: PersonSegment,
  options?: StreamDigestsOptions,
): AsyncIterable<JourneyDigest> {
  const digests = store.streamJourneyDigests(siteId, options);
  return isEveryone(segment) ? digests : inSegmentOnly(digests, segment);
}

/**
 * What attribution reads, for a conversion named `conversion` (a `stage:` one reads the stage
 * entries), in pages: everyone's without the rest of the summary, a segment's from their whole
 * digests.
 */
export function segmentAttributionPages(
  store: JourneyReader,
  siteId: string,
  segment: PersonSegment,
  conversion: string | undefined,
): AsyncIterable<AttributionJourney[]> {
  if (!isEveryone(segment)) return inPages(segmentDigests(store, siteId, segment), PAGE_SIZE);
  return store.streamJourneyTouches(siteId, { withStages: conversion?.startsWith("stage:") === true });
}

const PAGE_SIZE = 1_000;

/**
 * The summaries of the segment's people and the asOf they hold for. Summaries and asOf come from
 * one store call (one round trip on PostgreSQL) unless the segment needs touchpoints.
 */
export async function segmentSummariesAsOf(
  store: JourneyReader,
  site: Site,
  segment: PersonSegment,
  options?: StreamPersonsOptions,
): Promise<AsOf & { journeys: AsyncIterable<JourneySummary> }> {
  if (segmentNeedsTouchpoints(segment)) {
    const { asOf } = await digestsAsOf(store, site);
    return { asOf, journeys: inSegmentOnly(store.streamJourneyDigests(site.id, options), segment) };
  }
  const { asOf, summaries } = await store.journeySummariesAsOf(site.id, modelKeyOf(site), options);
  return { ...asOfSite(site, asOf), journeys: isEveryone(segment) ? summaries : inSegmentOnly(summaries, segment) };
}

/** Spend is recorded for everyone: a segment's share of it is unknown, so its cost, ROAS and CAC stay empty. */
export const spendOfSegment = (segment: PersonSegment, spend: StoredSpend[]): StoredSpend[] => (isEveryone(segment) ? spend : []);

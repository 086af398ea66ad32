/**
 * A JourneyDigest as two stored JSON texts of flat arrays: a report reads a million touchpoints,
 * and bytes are what it pays for (reading them from the database, then parsing). Times are epoch
 * milliseconds, a touchpoint's time as the difference to the one before, and every string of
 * the touches (names, stages, channels, campaigns) sits once in a term list that the touches
 * index: about a fifth of the bytes of the same digest as JSON objects. `summary` is all the
 * funnel and the customer list read; attribution and moments of truth add `touches`.
 */
import { isoTime, isoTimeMs, type DigestTouchpoint, type JourneyDigest, type JourneySummary } from "@touchpoint/journeys";
import type { Properties } from "@touchpoint/protocol";

/** [customerId, traits, currentStage, lastSeen ms | null, ...stage, entered ms, stage, entered ms...] */
type SummaryValues = [string | null, Properties, string | null, number | null, ...(string | number)[]];

/**
 * [terms, first time ms, touches, values, conversions]:
 * - touches: per touchpoint TOUCH_WIDTH numbers: type (0 page, 1 touchpoint), name, stage,
 *   channel, campaign (term indexes; -1 for none), ms since the previous touchpoint (the first
 *   from `first time`);
 * - values: touchpoint index, properties.value, for the touchpoints that have one;
 * - conversions: id, name (term index), time ms, value, for each conversion.
 */
type TouchesValues = [terms: string[], firstMs: number, touches: number[], values: number[], conversions: (string | number)[]];

/** Bump when the encoding changes: stores rebuild digests recorded in another one. */
export const DIGEST_RECORD_VERSION = 1;

const TOUCH_WIDTH = 6;
const NONE = -1;

// Digests never change a decoded touchpoint's payload: one shared empty object serves them all.
const EMPTY: Readonly<Record<string, never>> = Object.freeze({});

export interface JourneyDigestRecord {
  summary: string;
  touches: string;
}

export function toJourneyDigestRecord(digest: JourneyDigest): JourneyDigestRecord {
  const summary: SummaryValues = [digest.customerId, digest.traits, digest.currentStage, digest.lastSeen === null ? null : isoTimeMs(digest.lastSeen)];
  for (const entry of digest.stages) summary.push(entry.stage, isoTimeMs(entry.enteredAt));

  const terms: string[] = [];
  const termIndex = new Map<string, number>();
  const term = (value: string | null | undefined): number => {
    if (value === null || value === undefined) return NONE;
    let index = termIndex.get(value);
    if (index === undefined) {
      index = terms.push(value) - 1;
      termIndex.set(value, index);
    }
    return index;
  };
  const touches: number[] = [];
  const values: number[] = [];
  const firstMs = digest.touchpoints.length > 0 ? isoTimeMs((digest.touchpoints[0] as DigestTouchpoint).timestamp) : 0;
  let previousMs = firstMs;
  digest.touchpoints.forEach((t, index) => {
    const ms = isoTimeMs(t.timestamp);
    touches.push(t.type === "page" ? 0 : 1, term(t.name), term(t.stage), term(t.channel), term(t.context.utm?.campaign), ms - previousMs);
    previousMs = ms;
    if (t.properties.value !== undefined) values.push(index, t.properties.value);
  });
  const conversions: (string | number)[] = [];
  for (const c of digest.conversions) conversions.push(c.id, term(c.name), isoTimeMs(c.timestamp), c.value);
  const record: TouchesValues = [terms, firstMs, touches, values, conversions];
  return { summary: JSON.stringify(summary), touches: JSON.stringify(record) };
}

export function journeySummaryOfRecord(summary: string): JourneySummary {
  const values = JSON.parse(summary) as SummaryValues;
  const stages: JourneySummary["stages"] = [];
  for (let i = 4; i < values.length; i += 2) stages.push({ stage: values[i] as string, enteredAt: isoTime(values[i + 1] as number) });
  const lastSeen = values[3];
  return { customerId: values[0], traits: values[1], currentStage: values[2], stages, lastSeen: lastSeen === null ? null : isoTime(lastSeen) };
}

export function journeyDigestOfRecord(record: JourneyDigestRecord): JourneyDigest {
  const [terms, firstMs, touches, values, encodedConversions] = JSON.parse(record.touches) as TouchesValues;
  const termAt = (index: number): string | null => (index === NONE ? null : (terms[index] as string));
  const touchpoints: DigestTouchpoint[] = [];
  let ms = firstMs;
  for (let i = 0; i < touches.length; i += TOUCH_WIDTH) {
    ms += touches[i + 5] as number;
    const campaign = termAt(touches[i + 4] as number);
    touchpoints.push({
      type: touches[i] === 0 ? "page" : "touchpoint",
      name: termAt(touches[i + 1] as number) as string,
      stage: termAt(touches[i + 2] as number),
      channel: termAt(touches[i + 3] as number) as string,
      timestamp: isoTime(ms),
      properties: EMPTY,
      context: campaign === null ? EMPTY : { utm: { campaign } },
    });
  }
  for (let i = 0; i < values.length; i += 2) (touchpoints[values[i] as number] as DigestTouchpoint).properties = { value: values[i + 1] as number };
  const conversions: JourneyDigest["conversions"] = [];
  for (let i = 0; i < encodedConversions.length; i += 4) {
    const [id, name, time, value] = encodedConversions.slice(i, i + 4) as [string, number, number, number];
    conversions.push({ id, name: termAt(name) as string, timestamp: isoTime(time), value });
  }
  return { ...journeySummaryOfRecord(record.summary), touchpoints, conversions };
}

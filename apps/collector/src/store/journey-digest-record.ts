/**
 * A JourneyDigest as two stored JSON texts of flat arrays: a report reads a million touchpoints,
 * and bytes are what it pays for (reading them from the database, then parsing). A touchpoint's
 * time is the difference to the one before, and every string of the touches (names, stages,
 * channels, campaigns) sits once in a term list that the touches index: about a fifth of the
 * bytes of the same digest as JSON objects. `summary` is all the funnel and the customer list
 * read; moments of truth add `touches`; attribution of everyone reads `touches` alone (and the
 * summary's stage entries for a stage conversion).
 */
import type { AttributionJourney, DigestTouchpoint, FunnelJourney, JourneyDigest, JourneySummary } from "@touchpoint/journeys";
import type { Properties } from "@touchpoint/protocol";

/** Bump when the encoding changes: stores rebuild digests recorded in another one. */
export const DIGEST_RECORD_VERSION = 3;

/** [customerId, traits, currentStage, lastSeenTime, anonymousId, deviceTypes, ...stage, time, stage, time...] */
type SummaryValues = [string | null, Properties, string | null, number | null, string | null, string[], ...(string | number)[]];
const FIRST_STAGE = 6;

/**
 * [terms, first time, touches, values, conversions]:
 * - touches: per touchpoint TOUCH_WIDTH numbers: type (0 page, 1 touchpoint), name, stage,
 *   channel, campaign (term indexes; -1 for none), ms since the previous touchpoint (the first
 *   since `first time`);
 * - values: touchpoint index, value, for the touchpoints that have one;
 * - conversions: id, name (term index), time, value, for each conversion.
 */
type TouchesValues = [terms: string[], firstTime: number, touches: number[], values: number[], conversions: (string | number)[]];

const TOUCH_WIDTH = 6;
const NONE = -1;
const CONVERSION_WIDTH = 4;

export interface JourneyDigestRecord {
  summary: string;
  touches: string;
}

export function toJourneyDigestRecord(digest: JourneyDigest): JourneyDigestRecord {
  const summary: SummaryValues = [
    digest.customerId,
    digest.traits,
    digest.currentStage,
    digest.lastSeenTime,
    digest.anonymousId,
    digest.deviceTypes ?? [],
  ];
  for (const entry of digest.stages) summary.push(entry.stage, entry.time);

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
  const firstTime = digest.touchpoints[0]?.time ?? 0;
  let previous = firstTime;
  digest.touchpoints.forEach((t, index) => {
    touches.push(t.type === "page" ? 0 : 1, term(t.name), term(t.stage), term(t.channel), term(t.campaign), t.time - previous);
    previous = t.time;
    if (t.value !== undefined) values.push(index, t.value);
  });
  const conversions: (string | number)[] = [];
  for (const c of digest.conversions) conversions.push(c.id, term(c.name), c.time, c.value);
  const record: TouchesValues = [terms, firstTime, touches, values, conversions];
  return { summary: JSON.stringify(summary), touches: JSON.stringify(record) };
}

/**
 * A test of records, false only for one whose digest holds no string equal to `text`: every
 * string of a digest is in its record's two JSON texts, quoted as JSON.stringify quotes it. Far
 * cheaper than decoding the record.
 */
export function recordMayHold(text: string): (record: JourneyDigestRecord) => boolean {
  const quoted = JSON.stringify(text);
  return (record) => record.touches.includes(quoted) || record.summary.includes(quoted);
}

/**
 * How a store turns its rows into digests for streamJourneyDigests: each record decoded, or with
 * `holding`, undefined for the records recordMayHold rules out, left undecoded.
 */
export function digestDecoder(holding: string | undefined): (record: JourneyDigestRecord) => JourneyDigest | undefined {
  if (holding === undefined) return journeyDigestOfRecord;
  const mayHold = recordMayHold(holding);
  return (record) => (mayHold(record) ? journeyDigestOfRecord(record) : undefined);
}

export function journeySummaryOfRecord(summary: string): JourneySummary {
  const values = JSON.parse(summary) as SummaryValues;
  return {
    customerId: values[0],
    anonymousId: values[4],
    traits: values[1],
    currentStage: values[2],
    stages: stagesOfSummaryValues(values),
    lastSeenTime: values[3],
    deviceTypes: values[5],
  };
}

/**
 * What the funnel reads of a summary: the customer id and the stage entries, without parsing the
 * traits. Both ends of the text are read directly: the customer id opens it, and the stage
 * entries close it (`,"stage",time` pairs after the device types' `]`). A text whose ends hold
 * anything else (an escaped string, a time not written as digits) is parsed whole instead.
 */
export function funnelJourneyOfSummary(summary: string): FunnelJourney {
  let customerId: string | null;
  if (summary.startsWith("[null,")) customerId = null;
  else {
    const close = summary.indexOf('"', 2);
    if (summary.charCodeAt(1) !== QUOTE || close < 0 || summary.lastIndexOf("\\", close) > 1) return parsedFunnelJourney(summary);
    customerId = summary.slice(2, close);
  }
  const stages: JourneySummary["stages"] = [];
  // `at` is the last character of what is left to read, before the closing `]`.
  let at = summary.length - 2;
  while (summary.charCodeAt(at) !== CLOSE_BRACKET) {
    let digits = at;
    while (isDigit(summary.charCodeAt(digits))) digits--;
    const open = summary.lastIndexOf('"', digits - 2);
    if (
      digits === at ||
      summary.charCodeAt(digits) !== COMMA ||
      summary.charCodeAt(digits - 1) !== QUOTE ||
      open < 1 ||
      summary.charCodeAt(open - 1) !== COMMA ||
      summary.slice(open, digits - 1).includes("\\")
    ) {
      return parsedFunnelJourney(summary);
    }
    stages.push({ stage: summary.slice(open + 1, digits - 1), time: Number(summary.slice(digits + 1, at + 1)) });
    at = open - 2;
  }
  return { customerId, stages: stages.reverse() };
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CLOSE_BRACKET = 0x5d;
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

function parsedFunnelJourney(summary: string): FunnelJourney {
  const values = JSON.parse(summary) as SummaryValues;
  return { customerId: values[0], stages: stagesOfSummaryValues(values) };
}

function stagesOfSummaryValues(values: SummaryValues): JourneySummary["stages"] {
  const stages: JourneySummary["stages"] = [];
  for (let i = FIRST_STAGE; i < values.length; i += 2) stages.push({ stage: values[i] as string, time: values[i + 1] as number });
  return stages;
}

/**
 * What attribution reads of a record: its touchpoints and conversions, and with the summary, the
 * stage entries (empty without it: a conversion that is an event never reads them).
 */
export function attributionJourneyOfRecord(touches: string, summary?: string): AttributionJourney {
  const { touchpoints, conversions } = touchesOfRecord(touches);
  return { touchpoints, conversions, stages: summary === undefined ? [] : stagesOfSummaryValues(JSON.parse(summary) as SummaryValues) };
}

export function journeyDigestOfRecord(record: JourneyDigestRecord): JourneyDigest {
  const { touchpoints, conversions } = touchesOfRecord(record.touches);
  // Each field named, not the summary spread: spreading cost as much as building the touchpoints.
  const summary = journeySummaryOfRecord(record.summary);
  return {
    customerId: summary.customerId,
    anonymousId: summary.anonymousId,
    traits: summary.traits,
    currentStage: summary.currentStage,
    stages: summary.stages,
    lastSeenTime: summary.lastSeenTime,
    deviceTypes: summary.deviceTypes,
    touchpoints,
    conversions,
  };
}

function touchesOfRecord(text: string): Pick<JourneyDigest, "touchpoints" | "conversions"> {
  const [terms, firstTime, touches, values, encodedConversions] = JSON.parse(text) as TouchesValues;
  const touchpoints: DigestTouchpoint[] = [];
  let time = firstTime;
  for (let i = 0; i < touches.length; i += TOUCH_WIDTH) {
    time += touches[i + 5] as number;
    const stage = touches[i + 2] as number;
    const campaign = touches[i + 4] as number;
    // Every touchpoint gets the same fields in the same order, absent ones undefined: one object
    // shape for a million touchpoints keeps the reports' reads monomorphic.
    touchpoints.push({
      type: touches[i] === 0 ? "page" : "touchpoint",
      name: terms[touches[i + 1] as number] as string,
      stage: stage === NONE ? null : (terms[stage] as string),
      channel: terms[touches[i + 3] as number] as string,
      time,
      value: undefined,
      campaign: campaign === NONE ? undefined : terms[campaign],
    });
  }
  for (let i = 0; i < values.length; i += 2) (touchpoints[values[i] as number] as DigestTouchpoint).value = values[i + 1] as number;
  const conversions: JourneyDigest["conversions"] = [];
  for (let i = 0; i < encodedConversions.length; i += CONVERSION_WIDTH) {
    conversions.push({
      id: encodedConversions[i] as string,
      name: terms[encodedConversions[i + 1] as number] as string,
      time: encodedConversions[i + 2] as number,
      value: encodedConversions[i + 3] as number,
    });
  }
  return { touchpoints, conversions };
}

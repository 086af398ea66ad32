import type { TrackEvent } from "@touchpoint/protocol/types";

/**
 * Splits events into request bodies of at most `maxEvents` events and `maxBytes` UTF-8 bytes of
 * events each. An event bigger than `maxBytes` travels alone: the collector names its problem.
 */
export function chunk(events: TrackEvent[], maxEvents: number, maxBytes: number): TrackEvent[][] {
  const chunks: TrackEvent[][] = [];
  let current: TrackEvent[] | undefined;
  let bytes = 0;
  for (const event of events) {
    const size = new Blob([JSON.stringify(event)]).size + 1;
    if (!current || current.length >= maxEvents || bytes + size > maxBytes) {
      chunks.push((current = []));
      bytes = 0;
    }
    current.push(event);
    bytes += size;
  }
  return chunks;
}

/**
 * Splits queued events (their JSON texts) into request bodies of at most `maxEvents` events whose
 * sizes, by `size`, add up to at most `maxSize`. An event bigger than `maxSize` travels alone.
 */
export function chunk(events: string[], maxEvents: number, maxSize: number, size = (event: string) => event.length): string[][] {
  const chunks: string[][] = [];
  let current: string[] | undefined;
  let total = 0;
  for (const event of events) {
    const bytes = size(event) + 1;
    if (!current || current.length >= maxEvents || total + bytes > maxSize) {
      chunks.push((current = []));
      total = 0;
    }
    current.push(event);
    total += bytes;
  }
  return chunks;
}

import { randomBytes } from "node:crypto";

const COUNTER_BITS = 26;
const COUNTER_LIMIT = 2 ** COUNTER_BITS;

/**
 * A UUIDv7 generator (RFC 9562): 48-bit Unix milliseconds, then a 26-bit counter in rand_a and
 * the top of rand_b (method 1, seeded at a random value below half its range every millisecond),
 * then 48 random bits fixed per generator. Ids from one generator are strictly increasing, which
 * keeps the collector's unique index appending at its right edge as real SDK ids do; the random
 * tail keeps two generators (two load workers) apart.
 */
export function createUuidV7Generator(now: () => number = Date.now): () => string {
  const node = randomBytes(6).toString("hex");
  let lastMs = -1;
  let counter = 0;
  return () => {
    let ms = now();
    if (ms > lastMs) {
      counter = randomBytes(4).readUInt32BE(0) % (COUNTER_LIMIT / 2);
    } else {
      ms = lastMs;
      counter += 1;
      if (counter === COUNTER_LIMIT) {
        ms += 1;
        counter = 0;
      }
    }
    lastMs = ms;
    const time = ms.toString(16).padStart(12, "0");
    const randA = (counter >>> 14).toString(16).padStart(3, "0");
    const randB = (0x8000 | (counter & 0x3fff)).toString(16);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${randA}-${randB}-${node}`;
  };
}

let lastMs = 0;
let sequence = 0;
const HEX = Array.from({ length: 256 }, (_, byte) => (byte + 256).toString(16).slice(1));
const pool = new Uint8Array(256);
let offset = pool.length;

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, the version, a 12-bit sequence, then random
 * bits. Time-ordered ids keep the collector's unique index append-only, where random v4 ids would
 * scatter it. The sequence counts the ids made in the same millisecond (RFC 9562, method 1), so
 * the ids of one tab sort in call order, and the journey, ordered by time then id, keeps the
 * order of events made in one millisecond. The variant nibble is always 8 (binary 10 then two
 * zero bits): 60 random bits remain.
 */
export const uuidv7 = (ms: number): string => {
  sequence = ms === lastMs ? sequence + 1 : 0;
  lastMs = ms;
  const time = ms.toString(16).padStart(12, "0");
  // One call to the platform's random source per 32 ids: each call costs as much as the rest of an id.
  if (offset === pool.length) {
    crypto.getRandomValues(pool);
    offset = 0;
  }
  let random = "";
  for (const end = offset + 8; offset < end; ) random += HEX[pool[offset++]!];
  return `${time.slice(0, 8)}-${time.slice(8)}-7${(sequence & 0xfff).toString(16).padStart(3, "0")}-8${random.slice(0, 3)}-${random.slice(3, 15)}`;
};

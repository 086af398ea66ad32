let lastMs = 0;
let sequence = 0;

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
  return crypto
    .getRandomValues(new Uint8Array(8))
    .reduce((hex, byte) => hex + (byte + 256).toString(16).slice(1), ms.toString(16).padStart(12, "0") + (sequence & 0xfff).toString(16).padStart(3, "0"))
    .replace(/^(.{8})(.{4})(.{3})(.{3})(.{12}).*/, "$1-$2-7$3-8$4-$5");
};

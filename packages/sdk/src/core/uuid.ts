/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, the version, then random bits. Time-ordered ids
 * keep the collector's unique index append-only, where random v4 ids would scatter it. The variant
 * nibble is always 8 (binary 10 then two zero bits): 72 random bits remain.
 */
export const uuidv7 = (ms: number): string =>
  crypto
    .getRandomValues(new Uint8Array(10))
    .reduce((hex, byte) => hex + (byte + 256).toString(16).slice(1), ms.toString(16).padStart(12, "0"))
    .replace(/^(.{8})(.{4}).(.{3}).(.{3})/, "$1-$2-7$3-8$4-");

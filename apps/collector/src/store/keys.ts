import { createHash, randomBytes } from "node:crypto";

/** 24 random bytes: 192 bits, far beyond guessing, so a fast unsalted hash is enough to store them. */
function randomToken(prefix: string): string {
  return prefix + randomBytes(24).toString("base64url");
}

export const newSiteId = () => `site_${randomBytes(12).toString("base64url")}`;
export const newWriteKey = () => randomToken("tp_pub_");
export const newReadKey = () => randomToken("tp_read_");
export const newSecretKey = () => randomToken("tp_sec_");

/**
 * Keys are looked up by their SHA-256: a timing difference in the index lookup can only reveal
 * a prefix of the hash, which says nothing about the key, so no separate constant-time compare.
 */
export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

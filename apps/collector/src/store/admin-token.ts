import { randomBytes } from "node:crypto";

/** 192 random bits like the site keys, so its SHA-256 (hashKey) is all that needs storing. */
export const newAdminToken = () => `tp_admin_${randomBytes(24).toString("base64url")}`;

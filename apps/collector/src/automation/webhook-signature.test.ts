import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook } from "./webhook-signature.js";

describe("webhook signature", () => {
  it("is the hex HMAC-SHA256 of <t>.<body> under the signing secret", () => {
    const body = '{"deliveryId":"d1"}';
    const expected = createHmac("sha256", "whsec_test").update(`1700000000.${body}`).digest("hex");
    expect(signWebhook("whsec_test", body, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it("verifies the body it signed and nothing else", () => {
    const header = signWebhook("whsec_test", "{}", 1_700_000_000);
    expect(verifyWebhook("whsec_test", "{}", header, 1_700_000_010)).toBe(true);
    expect(verifyWebhook("whsec_test", "{ }", header, 1_700_000_010)).toBe(false);
    expect(verifyWebhook("whsec_other", "{}", header, 1_700_000_010)).toBe(false);
    expect(verifyWebhook("whsec_test", "{}", header, 1_700_001_000)).toBe(false);
    expect(verifyWebhook("whsec_test", "{}", "t=1700000000,v1=zz", 1_700_000_010)).toBe(false);
  });
});

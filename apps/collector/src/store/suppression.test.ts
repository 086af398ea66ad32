import { describe, expect, it } from "vitest";
import { createSuppressedCustomerHashes, newSuppressionSalt, suppressedCustomerHash } from "./suppression.js";

describe("suppression keys", () => {
  it("hash a customer id by HMAC-SHA256 under the salt, never holding the id itself", () => {
    // HMAC-SHA256(key "salt", "ada@example.com"), as `openssl dgst -sha256 -hmac salt` gives it.
    expect(suppressedCustomerHash("salt", "ada@example.com")).toBe("b930ea84bcaea4dbe36b478c2e168d7e08e77603339388a6f1a8c0b14a8520d1");
    expect(suppressedCustomerHash("other salt", "ada@example.com")).not.toBe(suppressedCustomerHash("salt", "ada@example.com"));
    expect(newSuppressionSalt()).toMatch(/^[0-9a-f]{64}$/);
    expect(newSuppressionSalt()).not.toBe(newSuppressionSalt());
  });

  it("cache hashes per salt and customer id, keeping the most recent entries", () => {
    const hashes = createSuppressedCustomerHashes(2);
    expect(hashes("s1", "ada")).toBe(suppressedCustomerHash("s1", "ada"));
    expect(hashes("s2", "ada")).toBe(suppressedCustomerHash("s2", "ada"));
    expect(hashes("s1", "bob")).toBe(suppressedCustomerHash("s1", "bob"));
    expect(hashes("s1", "ada")).toBe(suppressedCustomerHash("s1", "ada"));
  });
});

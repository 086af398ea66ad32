import { describe, expect, it } from "vitest";
import { forwardedClientAddress, trustedProxies } from "./trusted-proxies.js";

describe("the client address behind trusted proxies", () => {
  const trusted = trustedProxies(["10.0.0.0/8", "127.0.0.1", "fd00::/8"]);

  it("takes the right-most X-Forwarded-For entry that is not a trusted proxy", () => {
    expect(forwardedClientAddress("10.1.2.3", "203.0.113.7", trusted)).toBe("203.0.113.7");
    // The client prepended a made-up address; two trusted proxies appended theirs.
    expect(forwardedClientAddress("10.1.2.3", "1.2.3.4, 203.0.113.7, 10.9.9.9", trusted)).toBe("203.0.113.7");
    expect(forwardedClientAddress("::ffff:127.0.0.1", "2001:db8::5", trusted)).toBe("2001:db8::5");
    expect(forwardedClientAddress("fd00::1", "198.51.100.4", trusted)).toBe("198.51.100.4");
  });

  it("ignores the header from untrusted peers, and when it is not a list of addresses", () => {
    expect(forwardedClientAddress("198.51.100.9", "203.0.113.7", trusted)).toBe("198.51.100.9");
    expect(forwardedClientAddress("10.1.2.3", "203.0.113.7, unknown", trusted)).toBe("10.1.2.3");
    expect(forwardedClientAddress("10.1.2.3", undefined, trusted)).toBe("10.1.2.3");
    expect(forwardedClientAddress("10.1.2.3", "10.4.4.4, 10.5.5.5", trusted)).toBe("10.4.4.4");
  });

  it("refuses what is not an address or a range", () => {
    expect(() => trustedProxies(["10.0.0.0/33"])).toThrow('--trust-proxy: "10.0.0.0/33" is not an address or CIDR range');
    expect(() => trustedProxies(["proxy.internal"])).toThrow('--trust-proxy: "proxy.internal" is not an address or CIDR range');
  });
});

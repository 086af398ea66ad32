import { beforeEach, describe, expect, it } from "vitest";
import { forgetReadKey, saveReadKey, takeReadKey } from "./read-key.js";

describe("takeReadKey", () => {
  beforeEach(() => {
    sessionStorage.clear();
    history.replaceState(null, "", "/dashboard");
  });

  it("takes the key from the fragment, keeps it in sessionStorage and removes it from the address", () => {
    history.replaceState(null, "", "/dashboard?tab=1#key=rk_secret");
    expect(takeReadKey(window)).toBe("rk_secret");
    expect(sessionStorage.getItem("touchpoint.readKey")).toBe("rk_secret");
    expect(location.pathname + location.search + location.hash).toBe("/dashboard?tab=1");
  });

  it("keeps other fragment parameters", () => {
    history.replaceState(null, "", "/dashboard#key=rk_secret&customer=ada");
    expect(takeReadKey(window)).toBe("rk_secret");
    expect(location.hash).toBe("#customer=ada");
  });

  it("falls back to the key kept earlier in this tab", () => {
    saveReadKey(window, "rk_kept");
    expect(takeReadKey(window)).toBe("rk_kept");
  });

  it("prefers a new key in the fragment over the kept one", () => {
    saveReadKey(window, "rk_old");
    history.replaceState(null, "", "/dashboard#key=rk_new");
    expect(takeReadKey(window)).toBe("rk_new");
    expect(sessionStorage.getItem("touchpoint.readKey")).toBe("rk_new");
  });

  it("answers null without a key, and ignores an empty one (removing it from the address all the same)", () => {
    expect(takeReadKey(window)).toBeNull();
    history.replaceState(null, "", "/dashboard#key=");
    expect(takeReadKey(window)).toBeNull();
    expect(location.hash).toBe("");
  });

  it("forgets the kept key", () => {
    saveReadKey(window, "rk_kept");
    forgetReadKey(window);
    expect(takeReadKey(window)).toBeNull();
  });
});

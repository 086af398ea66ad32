import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearDeviceStorage } from "../testing/browser.js";
import { browserStore } from "./storage.js";

const always = () => true;
/** As in a sandboxed frame or with storage disabled: touching localStorage throws. */
const failingLocalStorage = () => {
  Object.defineProperty(globalThis, "localStorage", {
    configurable: true,
    get: () => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    },
  });
};
const realLocalStorage = Object.getOwnPropertyDescriptor(globalThis, "localStorage")!;

beforeEach(clearDeviceStorage);
afterEach(() => {
  Object.defineProperty(globalThis, "localStorage", realLocalStorage);
  vi.restoreAllMocks();
  clearDeviceStorage();
});

describe("browserStore", () => {
  it("keeps values in localStorage, where other tabs' writes are seen once they say so", () => {
    const store = browserStore(always);
    store.write("tp_a", "anon-1");
    expect(localStorage.getItem("tp_a")).toBe("anon-1");
    // Another tab's write reaches this one as a storage event.
    localStorage.setItem("tp_a", "written-by-another-tab");
    expect(store.read("tp_a")).toBe("anon-1");
    window.dispatchEvent(new StorageEvent("storage", { key: "tp_a" }));
    expect(store.read("tp_a")).toBe("written-by-another-tab");
    expect(store.list()).toEqual(["tp_a"]);
    store.erase("tp_a");
    expect(store.read("tp_a")).toBeNull();
  });

  it("falls back to a cookie when localStorage throws", () => {
    failingLocalStorage();
    const store = browserStore(always);
    store.write("tp_a", "anon 1");
    expect(document.cookie).toBe("tp_a=anon%201");
    expect(store.read("tp_a")).toBe("anon 1");
    expect(store.list()).toEqual([]);
    store.erase("tp_a");
    // Browsers delete a cookie set with max-age=0; happy-dom keeps it, empty.
    expect(document.cookie).not.toContain("anon");
    expect(store.read("tp_a")).toBeNull();
  });

  it("keeps long values (a retry queue) out of cookies: in memory for this page", () => {
    failingLocalStorage();
    const store = browserStore(always);
    const queue = "q".repeat(300);
    store.write("tp_q_tab", queue);
    expect(document.cookie).toBe("");
    expect(store.read("tp_q_tab")).toBe(queue);
  });

  it("falls back to memory when localStorage and cookies both throw", () => {
    failingLocalStorage();
    Object.defineProperty(document, "cookie", {
      configurable: true,
      get: () => {
        throw new DOMException("cookies are disabled", "SecurityError");
      },
      set: () => {
        throw new DOMException("cookies are disabled", "SecurityError");
      },
    });
    try {
      const store = browserStore(always);
      store.write("tp_a", "anon-1");
      expect(store.read("tp_a")).toBe("anon-1");
      store.erase("tp_a");
      expect(store.read("tp_a")).toBeNull();
    } finally {
      delete (document as unknown as Record<string, unknown>).cookie;
    }
  });

  it("writes to the device only what persist() allows, and sync() writes the rest once allowed", () => {
    let allowed = false;
    const store = browserStore((key) => key === "tp_o" || allowed);
    store.write("tp_a", "anon-1");
    store.write("tp_o", "1");
    expect(localStorage.getItem("tp_a")).toBeNull();
    expect(localStorage.getItem("tp_o")).toBe("1");
    expect(store.read("tp_a")).toBe("anon-1");
    allowed = true;
    store.sync();
    expect(localStorage.getItem("tp_a")).toBe("anon-1");
  });

  it("cookieless: only sessionStorage (this tab), never localStorage or a cookie", () => {
    sessionStorage.clear();
    localStorage.setItem("tp_a", "from-an-earlier-visit");
    const store = browserStore(always, true);
    expect(store.read("tp_a")).toBeNull();
    store.write("tp_s", "session");
    store.sync();
    expect(store.read("tp_s")).toBe("session");
    expect([sessionStorage.getItem("tp_s"), localStorage.getItem("tp_s")]).toEqual(["session", null]);
    expect(document.cookie).toBe("");
    expect(store.list()).toEqual(["tp_s"]);
    sessionStorage.clear();
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { eventRow } from "../store/store-behaviour.js";
import { scheduleRetention } from "./retention.js";

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

afterEach(() => {
  vi.useRealTimers();
});

describe("scheduleRetention", () => {
  it("deletes at start and again every hour as events age past the limit", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const store = await openSqliteStore(":memory:");
    const site = await store.createSite({ name: "shop", origins: [] });
    let now = 100 * DAY;
    await store.insertEvents([
      eventRow("too-old", { siteId: site.id, timestamp: now - 8 * DAY }),
      eventRow("ages-within-the-hour", { siteId: site.id, timestamp: now - 7 * DAY + HOUR / 2 }),
      eventRow("kept", { siteId: site.id, timestamp: now - DAY }),
    ]);
    const lines: string[] = [];
    const schedule = scheduleRetention(store, { days: 7, log: (line) => lines.push(line), now: () => now });
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    now += HOUR;
    await vi.advanceTimersByTimeAsync(HOUR);
    await vi.waitFor(() => expect(lines).toHaveLength(2));
    await schedule.stop();
    expect(lines).toEqual([
      `touchpoint: retention: deleted 1 events from before ${new Date(93 * DAY).toISOString()} (7 days)`,
      `touchpoint: retention: deleted 1 events from before ${new Date(93 * DAY + HOUR).toISOString()} (7 days)`,
    ]);
    expect((await store.readEvents(site.id)).map((e) => e.id)).toEqual(["kept"]);
    await store.close();
  });
});

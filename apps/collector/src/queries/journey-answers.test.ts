import { describe, expect, it } from "vitest";
import { eventRow } from "../store/store-behaviour.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { JourneyReader } from "../store/store.js";
import { createJourneyAnswers } from "./journey-answers.js";

describe("createJourneyAnswers", () => {
  it("neither names nor keeps an answer whose events changed while they were read, and reads them again next time", async () => {
    const store = await openSqliteStore(":memory:");
    try {
      const { id } = await store.createSite({ name: "shop", origins: [] });
      const site = (await store.listSites())[0];
      if (site === undefined) throw new Error("no site");
      const row = (eventId: string, timestamp: number) => eventRow(eventId, { siteId: id, timestamp });
      await store.insertEvents([row("e1", 1_000)]);
      let commitDuringRead = true;
      const racing: JourneyReader = {
        ...store,
        async readEvents(siteId, options) {
          const events = await store.readEvents(siteId, options);
          if (commitDuringRead) await store.insertEvents([row("e2", 2_000)]);
          commitDuringRead = false;
          return events;
        },
      };
      const answers = createJourneyAnswers();
      const ids = (json: string) => (JSON.parse(json) as { touchpoints: { id: string }[] }).touchpoints.map((t) => t.id);

      const raced = await answers.answer(racing, site, "a:anon-1");
      expect([raced?.etag, ids(raced?.json ?? "{}")]).toEqual([null, ["e1"]]);
      const next = await answers.answer(racing, site, "a:anon-1");
      expect(next?.etag).toMatch(/^W\/"[A-Za-z0-9_-]{43}"$/);
      expect(ids(next?.json ?? "{}")).toEqual(["e1", "e2"]);
      expect(await answers.answer(racing, site, "a:nobody")).toBeNull();
    } finally {
      await store.close();
    }
  });
});

import { describe, expect, it } from "vitest";
import { eventRow } from "../store/store-behaviour.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { MarkedPersonReader } from "../store/store.js";
import { createJourneyAnswers } from "./journey-answers.js";

describe("createJourneyAnswers", () => {
  it("names an answer by the events it holds when a commit comes between the kept answer's check and the build", async () => {
    const store = await openSqliteStore(":memory:");
    try {
      const { id } = await store.createSite({ name: "shop", origins: [] });
      const site = (await store.listSites())[0];
      if (site === undefined) throw new Error("no site");
      const row = (eventId: string, timestamp: number) => eventRow(eventId, { siteId: id, timestamp });
      await store.insertEvents([row("e1", 1_000)]);
      let commitAfterCheck: string | null = null;
      let builds = 0;
      const reader: MarkedPersonReader = {
        async personEventsMarker(siteId, personKey) {
          const marker = await store.personEventsMarker(siteId, personKey);
          if (commitAfterCheck !== null) await store.insertEvents([row(commitAfterCheck, 3_000)]);
          commitAfterCheck = null;
          return marker;
        },
        async readMarkedPersonEvents(siteId, personKey) {
          builds += 1;
          return store.readMarkedPersonEvents(siteId, personKey);
        },
      };
      const answers = createJourneyAnswers();
      const ids = async () => {
        const answer = await answers.answer(reader, site, "a:anon-1");
        return (JSON.parse(answer?.json ?? "{}") as { touchpoints: { id: string }[] }).touchpoints.map((t) => t.id);
      };

      expect([await ids(), builds]).toEqual([["e1"], 1]);
      await store.insertEvents([row("e2", 2_000)]);
      commitAfterCheck = "e3";
      expect([await ids(), builds]).toEqual([["e1", "e2", "e3"], 2]);
      // Kept under the marker of those three events: served again without a build.
      expect([await ids(), builds]).toEqual([["e1", "e2", "e3"], 2]);
      expect(await answers.answer(reader, site, "a:nobody")).toBeNull();
    } finally {
      await store.close();
    }
  });
});

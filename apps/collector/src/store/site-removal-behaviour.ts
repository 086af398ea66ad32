/**
 * Erasing a site, deleting a spend row and the admin token, held to one suite for every store (run by
 * sqlite/sqlite-site-removal.test.ts and postgres/postgres-site-removal.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventRow, type StoreFactory } from "./store-behaviour.js";
import type { Store } from "./store.js";

const SPEND = { groupBy: "channel", key: "paid_search", from: "2026-11-01", to: "2026-11-30", amount: 120.5, currency: "EUR" } as const;

export function describeSiteRemovalBehaviour(name: string, factory: StoreFactory): void {
  describe(`${name} store: erasing a site, deleting spend, the admin token`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.open(await factory.newDatabase());
    });
    afterEach(async () => {
      await store.close();
    });

    /** A site with two visitors' events, one identify (a link) and one spend row. */
    async function siteWithData(siteName: string) {
      const site = await store.createSite({ name: siteName, origins: [] });
      await store.insertEvents([
        eventRow(`${siteName}-1`, { siteId: site.id }),
        eventRow(`${siteName}-2`, { siteId: site.id, anonymousId: "anon-2", personKey: "a:anon-2" }),
        eventRow(`${siteName}-3`, {
          siteId: site.id,
          type: "identify",
          name: "identify",
          customerId: "ada",
          personKey: "c:ada",
          timestamp: 1_500,
        }),
      ]);
      const spend = await store.addSpend(site.id, SPEND);
      if (!("stored" in spend)) throw new Error("spend not stored");
      return { site, spendId: spend.stored.id };
    }

    it("deletes every row of the site, answers the counts, and leaves other sites alone", async () => {
      const gone = await siteWithData("gone");
      const kept = await siteWithData("kept");

      const deleted = await store.deleteSite(gone.site.id);
      expect(deleted).toMatchObject({ events: 3, identity_links: 1, spend: 1, sites: 1 });

      expect(await store.countEvents(gone.site.id)).toBe(0);
      expect(await store.listSpend(gone.site.id)).toEqual([]);
      expect(await store.findIdentityLink(gone.site.id, "anon-1")).toBeNull();
      expect(await store.findSiteByWriteKey(gone.site.writeKey)).toBeNull();
      expect(await store.findSiteByReadKey(gone.site.readKey)).toBeNull();
      expect((await store.listSites()).map((s) => s.id)).toEqual([kept.site.id]);

      expect(await store.countEvents(kept.site.id)).toBe(3);
      expect((await store.listSpend(kept.site.id)).map((s) => s.id)).toEqual([kept.spendId]);
      expect(await store.findIdentityLink(kept.site.id, "anon-1")).toMatchObject({ customerId: "ada" });
      expect(await store.deleteSite(gone.site.id)).toBeNull();
    });

    it("deletes events in chunks beyond one transaction's share", async () => {
      const site = await store.createSite({ name: "big", origins: [] });
      const rows = Array.from({ length: 12_345 }, (_, i) =>
        eventRow(`e-${i}`, { siteId: site.id, anonymousId: `anon-${i % 50}`, personKey: `a:anon-${i % 50}` }),
      );
      for (let i = 0; i < rows.length; i += 2_000) await store.insertEvents(rows.slice(i, i + 2_000));
      expect(await store.deleteSite(site.id)).toMatchObject({ events: 12_345, sites: 1 });
      expect(await store.countEvents(site.id)).toBe(0);
    });

    it("keeps one admin token: a new one replaces the old at once", async () => {
      const first = await store.replaceAdminToken();
      expect(await store.isAdminToken(first)).toBe(true);
      const second = await store.replaceAdminToken();
      expect(await store.isAdminToken(second)).toBe(true);
      expect(await store.isAdminToken(first)).toBe(false);
      expect(await store.isAdminToken(`${second}x`)).toBe(false);
    });

    it("deletes one spend row only when it belongs to the site", async () => {
      const a = await siteWithData("a");
      const b = await siteWithData("b");
      expect(await store.deleteSpend(b.site.id, a.spendId)).toBe(false);
      expect(await store.deleteSpend(a.site.id, a.spendId)).toBe(true);
      expect(await store.deleteSpend(a.site.id, a.spendId)).toBe(false);
      expect(await store.listSpend(a.site.id)).toEqual([]);
      expect((await store.listSpend(b.site.id)).map((s) => s.id)).toEqual([b.spendId]);
    });
  });
}

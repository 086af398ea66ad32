// Makes a database with a release's SQLite schema and a little data, printed as SQL (sqlite3's
// .dump), for upgrade.test.ts. Run it from apps/collector, with that release's migrations:
//   git archive <release commit> apps/collector/drizzle/sqlite | tar -x -C /tmp/release
//   node src/store/sqlite/upgrade-fixtures/make-fixture.mjs /tmp/release/apps/collector/drizzle/sqlite > src/store/sqlite/upgrade-fixtures/<version>.sql
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";

const hash = (key) => createHash("sha256").update(key).digest("hex");
const dir = mkdtempSync(join(tmpdir(), "touchpoint-fixture-"));
const path = join(dir, "fixture.db");
const client = new Database(path);
migrate(drizzle({ client }), { migrationsFolder: process.argv[2] });

const site = "site_fixture000000000001";
const day = Date.UTC(2026, 10, 20);
client
  .prepare(
    "INSERT INTO sites (id, name, write_key, read_key_hash, secret_key_hash, origins, stage_model, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)",
  )
  .run(
    site,
    "shop",
    "tp_pub_fixture-write-key",
    hash("tp_read_fixture-read-key"),
    hash("tp_sec_fixture-secret-key"),
    '["https://shop.example"]',
    day,
  );
const insert =
  client.prepare(`INSERT INTO events (site_id, id, type, name, anonymous_id, customer_id, person_key, session_id, timestamp, received_at, properties, traits, context, user_agent, browser, os, device_type)
  VALUES (?, ?, ?, ?, ?, ?, ?, 'sess-1', ?, ?, ?, ?, ?, 'Mozilla/5.0', 'Chrome', 'Windows', 'desktop')`);
const events = [
  [
    "ev-1",
    "touchpoint",
    "banner_click",
    "anon-1",
    null,
    "c:ada@example.com",
    0,
    '{"campaign":"winter"}',
    null,
    '{"path":"/","utm":{"source":"google","medium":"cpc"}}',
  ],
  ["ev-2", "touchpoint", "catalog_view", "anon-1", null, "c:ada@example.com", 60_000, "{}", null, '{"path":"/catalog"}'],
  [
    "ev-3",
    "identify",
    "identify",
    "anon-1",
    "ada@example.com",
    "c:ada@example.com",
    120_000,
    "{}",
    '{"persona":"researcher"}',
    '{"path":"/login"}',
  ],
  [
    "ev-4",
    "touchpoint",
    "purchase",
    "anon-1",
    "ada@example.com",
    "c:ada@example.com",
    180_000,
    '{"value":42.5,"currency":"EUR"}',
    null,
    '{"path":"/thanks"}',
  ],
  ["ev-5", "touchpoint", "catalog_view", "anon-2", null, "a:anon-2", 240_000, "{}", null, '{"path":"/catalog"}'],
];
for (const [id, type, name, anon, customer, person, at, properties, traits, context] of events) {
  insert.run(site, id, type, name, anon, customer, person, day + at, day + at + 500, properties, traits, context);
}
client
  .prepare(
    "INSERT INTO identity_links (site_id, anonymous_id, customer_id, linked_at, event_id) VALUES (?, 'anon-1', 'ada@example.com', ?, 'ev-3')",
  )
  .run(site, day + 120_000);
client
  .prepare(
    "INSERT INTO spend (id, site_id, group_by, key, \"from\", \"to\", amount, currency, created_at) VALUES ('spend_fixture', ?, 'channel', 'paid_search', '2026-11-01', '2026-11-30', 99.5, 'EUR', ?)",
  )
  .run(site, day);
client.close();
process.stdout.write(execFileSync("sqlite3", [path, ".dump"], { encoding: "utf8" }));
rmSync(dir, { recursive: true, force: true });

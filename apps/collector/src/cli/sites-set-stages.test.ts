import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { useTempDir } from "../testing/temp-dir.js";
import { runCli } from "./run.js";

const tempDir = useTempDir("touchpoint-stages-");
let output: { log: string[]; error: string[] };
beforeEach(() => {
  output = { log: [], error: [] };
  vi.spyOn(console, "log").mockImplementation((line: string) => void output.log.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void output.error.push(line));
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function siteIn(db: string): Promise<string> {
  const store = await openSqliteStore(db);
  const site = await store.createSite({ name: "shop", origins: [] });
  await store.close();
  return site.id;
}

async function stageModelOf(db: string): Promise<unknown> {
  const store = await openSqliteStore(db);
  const [site] = await store.listSites();
  await store.close();
  return site?.stageModel;
}

describe("touchpoint sites set-stages", () => {
  it("stores a valid model with its defaults filled in, and --default restores the default", async () => {
    const db = join(tempDir(), "t.db");
    const site = await siteIn(db);
    const file = join(tempDir(), "stages.json");
    await writeFile(file, JSON.stringify({ stages: ["lead", "won"], rules: [{ stage: "won", event: "purchase" }] }));

    expect(await runCli(["sites", "set-stages", "--site", site, "--file", file, "--db", db])).toBe(0);
    expect(output.log).toEqual([`Site ${site} now uses the stages lead, won (conversions: purchase).`]);
    expect(await stageModelOf(db)).toEqual({
      stages: ["lead", "won"],
      rules: [{ stage: "won", event: "purchase" }],
      conversions: ["purchase"],
    });

    expect(await runCli(["sites", "set-stages", "--site", site, "--default", "--db", db])).toBe(0);
    expect(await stageModelOf(db)).toBeNull();
  });

  it("refuses an invalid model naming each field, and changes nothing", async () => {
    const db = join(tempDir(), "t.db");
    const site = await siteIn(db);
    const file = join(tempDir(), "stages.json");
    await writeFile(file, JSON.stringify({ stages: ["lead", "lead"], rules: [{ stage: "won", event: "Purchase" }] }));

    expect(await runCli(["sites", "set-stages", "--site", site, "--file", file, "--db", db])).toBe(2);
    expect(output.error).toEqual([
      `touchpoint sites set-stages: ${file} is not a valid stage model:\n` +
        "  rules.0.event: must be snake_case: lower-case letters, digits and single underscores, starting with a letter\n" +
        '  stages.1: "lead" is listed twice\n' +
        '  rules.0.stage: "won" is not one of the model\'s stages\n' +
        "See `touchpoint sites set-stages --help`.",
    ]);
    expect(await stageModelOf(db)).toBeNull();
  });

  it("reports unreadable JSON, a missing choice and an unknown site", async () => {
    const db = join(tempDir(), "t.db");
    await siteIn(db);
    const file = join(tempDir(), "stages.json");
    await writeFile(file, "{ stages: ");
    expect(await runCli(["sites", "set-stages", "--site", "site_x", "--file", file, "--db", db])).toBe(2);
    expect(output.error[0]).toMatch(new RegExp(`^touchpoint sites set-stages: ${file} is not valid JSON: `));

    expect(await runCli(["sites", "set-stages", "--site", "site_x", "--db", db])).toBe(2);
    expect(output.error[1]).toBe("touchpoint sites set-stages: give either --file or --default\nSee `touchpoint sites set-stages --help`.");

    expect(await runCli(["sites", "set-stages", "--site", "site_x", "--default", "--db", db])).toBe(1);
    expect(output.error[2]).toBe('touchpoint sites set-stages: no site has the id "site_x"');
  });
});

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openSqliteAutomationStore } from "../store/sqlite/automation-driver.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { useTempDir } from "../testing/temp-dir.js";
import { runCli } from "./run.js";

const tempDir = useTempDir("touchpoint-rules-cli-");
let output: { log: string[]; error: string[] };
beforeEach(() => {
  output = { log: [], error: [] };
  vi.spyOn(console, "log").mockImplementation((line: string) => void output.log.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void output.error.push(line));
});
afterEach(() => {
  vi.restoreAllMocks();
});

const cart = {
  name: "abandoned cart",
  when: { event: "begin_checkout" },
  wait: "PT30M",
  branches: [{ if: { noEvent: "purchase" }, do: [{ webhook: "https://crm.example/cart" }, { track: "cart_reminder_sent" }] }],
};

async function setup() {
  const db = join(tempDir(), "t.db");
  const store = await openSqliteStore(db);
  const site = await store.createSite({ name: "shop", origins: [] });
  await store.close();
  return { db, site: site.id, file: join(tempDir(), "rules.json") };
}

describe("touchpoint rules apply / list", () => {
  it("creates rules by name, versions a changed one, leaves an unchanged one, and lists them", async () => {
    const { db, site, file } = await setup();
    await writeFile(file, JSON.stringify([cart]));
    expect(await runCli(["rules", "apply", "--file", file, "--site", site, "--db", db])).toBe(0);
    expect(output.log).toEqual([expect.stringMatching(/^created rule_\w+ "abandoned cart" \(version 1\); signing secret: whsec_[\w-]+$/)]);
    const id = /created (rule_\w+)/.exec(output.log[0]!)![1]!;

    output.log = [];
    await writeFile(
      file,
      JSON.stringify([
        { ...cart, wait: "PT1H" },
        { ...cart, name: "video follow-up", when: { event: "video_sent" } },
      ]),
    );
    expect(await runCli(["rules", "apply", "--file", file, "--site", site, "--db", db])).toBe(0);
    expect(output.log[0]).toBe(`updated ${id} "abandoned cart" to version 2`);
    expect(await runCli(["rules", "apply", "--file", file, "--site", site, "--db", db])).toBe(0);
    expect(output.log.slice(2)).toEqual([
      `unchanged ${id} "abandoned cart" (version 2)`,
      expect.stringMatching(/^unchanged rule_\w+ "video follow-up" \(version 1\)$/),
    ]);

    output.log = [];
    expect(await runCli(["rules", "list", "--site", site, "--db", db])).toBe(0);
    expect(output.log).toEqual([
      `${id}  v2  enabled   when begin_checkout  wait PT1H  abandoned cart`,
      expect.stringMatching(/^rule_\w+ {2}v1 {2}enabled {3}when video_sent {2}wait PT30M {2}video follow-up$/),
    ]);
    const rules = openSqliteAutomationStore(db);
    expect((await rules.ruleVersion(id, 1))?.wait).toBe("PT30M");
    await rules.close();
  });

  it("refuses an invalid file naming each field, and stores nothing", async () => {
    const { db, site, file } = await setup();
    await writeFile(
      file,
      JSON.stringify([
        { ...cart, wait: "soon" },
        { ...cart, name: "stage", when: { stageEntered: "evaluation" } },
      ]),
    );
    expect(await runCli(["rules", "apply", "--file", file, "--site", site, "--db", db])).toBe(2);
    expect(output.error).toEqual([
      `touchpoint rules apply: ${file} is not a valid list of rules:\n` +
        "  0.wait: must be an ISO 8601 duration of weeks, days, hours, minutes and seconds (PT3S, P3D), at most a year\n" +
        "See `touchpoint rules apply --help`.",
    ]);
    expect(await runCli(["rules", "list", "--site", site, "--db", db])).toBe(0);
    expect(output.log).toEqual([`Site ${site} has no rules.`]);
    expect(await runCli(["rules", "list", "--site", "nope", "--db", db])).toBe(1);
  });
});

/**
 * README.md's "Automation rules" section run as written: its rules.json block is written to a file
 * and its `touchpoint rules ...` commands run through the CLI, with SITE_ID replaced by a real
 * site and --db pointing at a fresh database.
 */
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { useTempDir } from "../testing/temp-dir.js";
import { runCli } from "./run.js";

const README = fileURLToPath(new URL("../../../../README.md", import.meta.url));

function rulesSection(): { json: string; commands: string[] } {
  const section = /\n## Automation rules\n([\s\S]*?)\n## /.exec(readFileSync(README, "utf8"))?.[1];
  if (section === undefined) throw new Error('README.md has no section "Automation rules"');
  const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)\n```/g)].map((m) => ({ lang: m[1]!, text: m[2]! }));
  return { json: blocks.find((b) => b.lang === "json")!.text, commands: blocks.find((b) => b.lang === "sh")!.text.split("\n") };
}

const tempDir = useTempDir("touchpoint-readme-rules-");
let output: string[];
beforeEach(() => {
  output = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void output.push(line));
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("README: Automation rules", () => {
  it("applies the README's rules.json and lists its rules with the README's commands", async () => {
    const { json, commands } = rulesSection();
    const db = join(tempDir(), "touchpoint.db");
    const store = await openSqliteStore(db);
    const site = await store.createSite({ name: "shop", origins: [] });
    await store.close();
    const dir = tempDir();
    await writeFile(join(dir, "rules.json"), json);

    expect(commands.map((c) => c.split(" ").slice(0, 3).join(" "))).toEqual(["touchpoint rules apply", "touchpoint rules list"]);
    for (const command of commands) {
      const args = command
        .split(" ")
        .slice(1)
        .map((word) => (word === "SITE_ID" ? site.id : word === "rules.json" ? join(dir, "rules.json") : word));
      expect(await runCli([...args, "--db", db]), command).toBe(0);
    }
    const names = (JSON.parse(json) as { name: string }[]).map((r) => r.name);
    expect(output.slice(0, names.length)).toEqual(
      names.map((name) => expect.stringMatching(new RegExp(`^created rule_\\w+ "${name}" \\(version 1\\); signing secret: whsec_`))),
    );
    // Listed oldest first, by id among rules created in the same millisecond (apply often makes both in one).
    const listed = output.slice(names.length);
    expect(listed.map((line) => names.find((name) => line.endsWith(`  ${name}`))).sort()).toEqual([...names].sort());
    expect(listed).toEqual(listed.map(() => expect.stringMatching(/^rule_\w+ {2}v1 {2}enabled {3}when \w+ {2}wait \w+ {2}\S/)));
  });
});

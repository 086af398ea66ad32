/** ARCHITECTURE.md's import rules hold in the repository, and the check sees a broken one. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { IMPORT_RULES } from "./support/import-rules.js";

const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), "..");

describe("import rules (ARCHITECTURE.md)", () => {
  for (const { rule, broken } of IMPORT_RULES) {
    it(rule, () => {
      expect(broken(REPOSITORY)).toEqual([]);
    });
  }

  let copy = "";
  afterEach(() => {
    if (copy !== "") rmSync(copy, { recursive: true, force: true });
    copy = "";
  });
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(copy, path)), { recursive: true });
    writeFileSync(join(copy, path), text);
  };

  it("names every import that breaks a rule, also one reached through another package", () => {
    copy = mkdtempSync(join(tmpdir(), "touchpoint-imports-"));
    write(
      "packages/journeys/src/funnel.ts",
      'import { openSqliteStore } from "../../../apps/collector/src/store/sqlite/sqlite-store.js";\nimport type { Store } from "pg";\n',
    );
    write(
      "apps/collector/src/store/sqlite/sqlite-store.ts",
      'import { Hono } from "hono";\nimport { json } from "../../http/answer.js";\n',
    );
    write("apps/collector/src/http/answer.ts", "export const json = 1;\n");
    write("packages/protocol/package.json", JSON.stringify({ exports: { ".": "./src/index.ts", "./names": "./src/names.ts" } }));
    write("packages/protocol/src/index.ts", 'export * from "./schemas.js";\n');
    write("packages/protocol/src/schemas.ts", 'import { z } from "zod";\n');
    write("packages/protocol/src/names.ts", "export const NAMES = [];\n");
    write(
      "packages/sdk/src/queue.ts",
      'import type { Batch } from "@touchpoint/protocol";\nimport { NAMES } from "@touchpoint/protocol/names";\n',
    );
    write("packages/sdk/src/send.ts", 'import { batchSchema } from "@touchpoint/protocol";\n');
    expect(IMPORT_RULES.map(({ broken }) => broken(copy))).toEqual([
      [
        "packages/journeys/src/funnel.ts -> ../../../apps/collector/src/store/sqlite/sqlite-store.js",
        "packages/journeys/src/funnel.ts -> pg",
      ],
      [
        "apps/collector/src/store/sqlite/sqlite-store.ts -> hono",
        "apps/collector/src/store/sqlite/sqlite-store.ts -> ../../http/answer.js",
      ],
      ["packages/protocol/src/schemas.ts -> zod"],
    ]);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { readIntoPageCache } from "./page-cache.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it("reads every byte of a file, across chunk boundaries, and of an empty one none", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tp-page-cache-"));
  dirs.push(dir);
  const big = join(dir, "big.db");
  writeFileSync(big, Buffer.alloc(2 * 8 * 1024 * 1024 + 12_345, 7));
  const empty = join(dir, "empty.db");
  writeFileSync(empty, "");
  expect((await readIntoPageCache(big)).bytes).toBe(16_789_561);
  expect((await readIntoPageCache(empty)).bytes).toBe(0);
  await expect(readIntoPageCache(join(dir, "missing.db"))).rejects.toThrow(/ENOENT/);
});

/**
 * README.md's "Try it with curl" run as written: its commands are read from the README itself and
 * run by a shell with the real curl against a fresh `touchpoint serve` (the built CLI); only the
 * key placeholders and the port are replaced. The answers must be the ones the README shows.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { startServe, type ServingCli } from "../testing/cli-process.js";
import { useTempDir } from "../testing/temp-dir.js";

const run = promisify(execFile);
const README = fileURLToPath(new URL("../../../../README.md", import.meta.url));

/** The README's "Try it with curl" section: its fenced blocks in order, and its prose. */
function curlSection(): { blocks: { lang: string; text: string }[]; prose: string } {
  const readme = readFileSync(README, "utf8");
  const section = /\n## Try it with curl\n([\s\S]*?)\n## /.exec(readme)?.[1];
  if (section === undefined) throw new Error('README.md has no section "Try it with curl"');
  const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)\n```/g)].map((m) => ({ lang: m[1]!, text: m[2]! }));
  return { blocks, prose: section.replace(/```\w+\n[\s\S]*?\n```/g, "") };
}

/** The JSON block right after the shell block that starts with `start`, and that shell block. */
function commandAndAnswer(blocks: { lang: string; text: string }[], start: string): { command: string; answer: string } {
  const at = blocks.findIndex((b) => b.lang === "sh" && b.text.startsWith(start));
  const answer = blocks[at + 1];
  if (at < 0 || answer?.lang !== "json") throw new Error(`README.md: no \`${start}\` block followed by its JSON answer`);
  return { command: blocks[at]!.text, answer: answer.text };
}

describe("README: Try it with curl", () => {
  const tempDir = useTempDir("touchpoint-readme-");
  let served: ServingCli | null = null;
  afterEach(async () => {
    served?.child.kill("SIGTERM");
    await served?.exited;
    served = null;
  });

  it("answers the README's curl commands, run verbatim, with the answers the README shows", async () => {
    const { blocks, prose } = curlSection();
    const post = commandAndAnswer(blocks, "curl -s -X POST ");
    const journey = commandAndAnswer(blocks, "curl -s http://127.0.0.1:8787/v1/journeys/");

    served = await startServe(["--port", "0", "--db", join(tempDir(), "touchpoint.db")]);
    const writeKey = /write key: +(\S+)/.exec(served.stdout())![1]!;
    const readKey = /read key: +(\S+)/.exec(served.stdout())![1]!;
    const port = served.port;
    const withKeys = (command: string) =>
      command
        .replaceAll("tp_pub_...", writeKey)
        .replaceAll("tp_read_...", readKey)
        .replaceAll("http://127.0.0.1:8787/", `http://127.0.0.1:${port}/`);
    const shell = async (command: string) => (await run("bash", ["-c", withKeys(command)])).stdout;
    /** JSON as the collector writes it: compact, keys in their order. */
    const compact = (json: string) => JSON.stringify(JSON.parse(json));

    // The post, as shown, and its answer, key for key.
    expect(compact(await shell(post.command))).toBe(compact(post.answer));
    // "Send the same batch again and it answers `...`".
    const again = /Send the same batch again\s+and it answers `([^`]+)`/.exec(prose)?.[1];
    expect(again).toBeDefined();
    expect(compact(await shell(post.command))).toContain(again);
    // The journey's answer begins as shown (the README cuts it at "...": times depend on receipt).
    const shownStart = journey.answer.replace(/, \.\.\.\}$/, "");
    expect(shownStart).not.toBe(journey.answer);
    expect(compact(await shell(journey.command)).startsWith(shownStart)).toBe(true);
  });
});

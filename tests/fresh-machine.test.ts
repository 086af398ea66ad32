import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * The README's test command on a machine without Chromium: a clean clone of this repository, run
 * in a mount namespace where /usr/bin/chromium is hidden (an empty, non-executable file is bound
 * over it). Mount namespaces need root, as CI has.
 */

const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));

/** The command under "Run every test" in README.md, exactly as a newcomer copies it. */
function readmeTestCommand(): string {
  const readme = readFileSync(join(repositoryRoot, "README.md"), "utf8");
  const block = /Run every test[^\n]*\n+```sh\n([^\n]+)\n```/.exec(readme);
  if (!block?.[1]) throw new Error('README.md has no ```sh block under "Run every test"');
  return block[1];
}

const asRoot = process.getuid?.() === 0;

describe.skipIf(!asRoot)("npm test on a fresh machine without Chromium (needs root for a mount namespace)", () => {
  let dir: string;
  let clone: string;
  let hidden: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tp-fresh-"));
    chmodSync(dir, 0o755);
    clone = join(dir, "clone");
    const cloned = spawnSync("git", ["clone", "-q", repositoryRoot, clone], { encoding: "utf8" });
    expect(cloned.status, cloned.stderr).toBe(0);
    hidden = join(dir, "no-chromium");
    writeFileSync(hidden, "", { mode: 0o644 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the README's command in the clone with Chromium hidden; `user` drops root first. */
  function runWithoutChromium(options: { user?: "nobody"; path?: string }) {
    const home = mkdtempSync(join(dir, "home-"));
    chmodSync(home, 0o777);
    const command = readmeTestCommand();
    const dropRoot = options.user ? "exec setpriv --reuid=65534 --regid=65534 --clear-groups " : "exec ";
    const script = `mount --bind "$HIDDEN" /usr/bin/chromium && ${dropRoot}sh -c "$README_COMMAND"`;
    return spawnSync("unshare", ["--mount", "--propagation", "private", "sh", "-c", script], {
      cwd: clone,
      encoding: "utf8",
      timeout: 60_000,
      env: {
        PATH: options.path ?? process.env.PATH,
        HOME: home,
        npm_config_cache: join(home, "npm-cache"),
        HIDDEN: hidden,
        README_COMMAND: command,
      },
    });
  }

  it("stops at once with one line naming the package when it cannot install it", () => {
    const run = runWithoutChromium({ user: "nobody" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      "npm test needs Debian's chromium (the browser tests drive /usr/bin/chromium): run `apt-get install -y chromium` as root",
    );
    // It stopped before the build: the clone has no dependencies, so turbo would have failed.
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/turbo: (command )?not found/);
  });

  it("installs the package with apt-get when it runs as root", () => {
    // apt-get is observed, not run: the stand-in records its arguments and installs nothing,
    // so the command must also notice that Chromium is still missing and stop.
    const bin = join(dir, "apt-bin");
    mkdirSync(bin);
    const calls = join(dir, "apt-calls");
    writeFileSync(join(bin, "apt-get"), `#!/bin/sh\necho "$@" >> ${calls}\n`, { mode: 0o755 });
    const run = runWithoutChromium({ path: `${bin}:${process.env.PATH}` });
    expect(readFileSync(calls, "utf8")).toBe("update -q\ninstall -y -q chromium\n");
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("npm test: installing Debian's chromium with apt-get");
    expect(run.stderr).toContain("npm test: apt-get install -y chromium (exit 0) did not provide chromium");
  });
});

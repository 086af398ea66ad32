/** A tiny file system of its own (tmpfs), to fill up in tests: a full disk without filling the machine's. */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface SmallDisk {
  dir: string;
  unmount(): Promise<void>;
}

/** Mounts a tmpfs of `size` (mount's syntax, e.g. "2m"); null where mounting is not allowed (not root, or a container without CAP_SYS_ADMIN). */
export async function mountSmallDisk(size: string): Promise<SmallDisk | null> {
  const dir = await mkdtemp(join(tmpdir(), "touchpoint-small-disk-"));
  try {
    await run("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]);
  } catch {
    await rm(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    async unmount() {
      await run("umount", [dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// The first step of `npm test`: the system packages the tests run against. As root with apt-get
// they are installed (Debian's chromium and postgresql, never a downloaded browser); otherwise the
// run stops at once with one line naming the package, before anything is built or started.
import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readdirSync } from "node:fs";
import { delimiter, join } from "node:path";

const POSTGRES_ROOT = "/usr/lib/postgresql";

const packages = [
  { name: "chromium", why: "the browser tests drive /usr/bin/chromium", present: () => isExecutable("/usr/bin/chromium") },
  {
    name: "postgresql",
    why: "the PostgreSQL tests start a throwaway server with its initdb",
    present: () =>
      existsSync(POSTGRES_ROOT) &&
      readdirSync(POSTGRES_ROOT).some((version) => isExecutable(join(POSTGRES_ROOT, version, "bin", "initdb"))),
  },
];

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command) {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => dir !== "" && isExecutable(join(dir, command)));
}

function stop(line) {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

const missing = packages.filter((pkg) => !pkg.present());
if (missing.length > 0) {
  const names = missing.map((pkg) => pkg.name).join(" ");
  const canInstall = process.getuid?.() === 0 && onPath("apt-get");
  if (!canInstall) {
    stop(
      `npm test needs Debian's ${names} (${missing.map((pkg) => pkg.why).join("; ")}): run \`apt-get install -y ${names}\` as root, or npm test as root to have it installed.`,
    );
  }
  process.stderr.write(`npm test: installing Debian's ${names} with apt-get\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execFileSync("apt-get", ["update", "-q"], { stdio: ["ignore", "ignore", "inherit"], env });
  } catch {
    stop(`npm test: apt-get update failed; install Debian's ${names} by hand: apt-get install -y ${names}`);
  }
  const install = spawnSync("apt-get", ["install", "-y", "-q", ...missing.map((pkg) => pkg.name)], {
    stdio: ["ignore", "ignore", "inherit"],
    env,
  });
  const stillMissing = missing.filter((pkg) => !pkg.present()).map((pkg) => pkg.name);
  // A post-install script may fail in a container (no service manager) while the binaries arrived.
  if (stillMissing.length > 0) {
    stop(
      `npm test: apt-get install -y ${names} (exit ${install.status}) did not provide ${stillMissing.join(" ")}; install it by hand and run npm test again.`,
    );
  }
}

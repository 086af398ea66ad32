import type { SeedProgress } from "./seed-site.js";

export interface ProgressOutput {
  write(text: string): unknown;
  /** True on a terminal: the bar redraws itself in place. */
  isTTY?: boolean;
}

const BAR_WIDTH = 30;
const number = (n: number) => n.toLocaleString("en-US");

/**
 * Seed progress on stderr (stdout carries the JSON summary): a bar redrawn in place with `\r` on
 * a terminal, at most ten times a second; elsewhere (CI logs, pipes) a plain line per tenth.
 */
export function progressReporter(out: ProgressOutput, now: () => number = () => performance.now()) {
  const started = now();
  let lastDraw = -Infinity;
  let lastTenth = 0;
  let drawn = false;

  const describe = ({ persons, totalPersons, events }: SeedProgress) => {
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(events / seconds) : 0;
    return `${number(persons)}/${number(totalPersons)} people, ${number(events)} events, ${number(rate)} events/s`;
  };

  return {
    update(progress: SeedProgress): void {
      const share = progress.totalPersons === 0 ? 1 : progress.persons / progress.totalPersons;
      if (out.isTTY) {
        const t = now();
        if (t - lastDraw < 100 && share < 1) return;
        lastDraw = t;
        const filled = Math.round(share * BAR_WIDTH);
        out.write(`\r[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${describe(progress)}`);
        drawn = true;
        return;
      }
      const tenth = Math.floor(share * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        out.write(`seed: ${tenth * 10}% ${describe(progress)}\n`);
      }
    },
    /** Ends the bar's line so what follows starts on a fresh one. */
    done(): void {
      if (drawn) out.write("\n");
    },
  };
}

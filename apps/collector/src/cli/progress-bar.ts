export interface ProgressOutput {
  write(text: string): unknown;
  /** True on a terminal: the bar redraws itself in place. */
  isTTY?: boolean;
}

const BAR_WIDTH = 30;

/**
 * A long command's progress on stderr (stdout carries its result): a bar redrawn in place with
 * `\r` on a terminal, at most ten times a second; elsewhere (CI logs, pipes) a plain line per
 * tenth, `<label>: 40% <text>`.
 */
export function progressBar(out: ProgressOutput, label: string, now: () => number = () => performance.now()) {
  let lastDraw = -Infinity;
  let lastTenth = 0;
  let drawn = false;
  return {
    /** `share` done from 0 to 1; `text` is computed only when something is drawn. */
    update(share: number, text: () => string): void {
      if (out.isTTY) {
        const t = now();
        if (t - lastDraw < 100 && share < 1) return;
        lastDraw = t;
        const filled = Math.round(share * BAR_WIDTH);
        out.write(`\r[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${text()}`);
        drawn = true;
        return;
      }
      const tenth = Math.floor(share * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        out.write(`${label}: ${tenth * 10}% ${text()}\n`);
      }
    },
    /** Ends the bar's line so what follows starts on a fresh one. */
    done(): void {
      if (drawn) out.write("\n");
    },
  };
}

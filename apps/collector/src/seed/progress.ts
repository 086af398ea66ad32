import { progressBar, type ProgressOutput } from "../cli/progress-bar.js";
import type { SeedProgress } from "./seed-site.js";

const number = (n: number) => n.toLocaleString("en-US");

/** Seed progress on stderr: people and events written so far, and the rate. */
export function progressReporter(out: ProgressOutput, now: () => number = () => performance.now()) {
  const started = now();
  const bar = progressBar(out, "seed", now);
  const describe = ({ persons, totalPersons, events }: SeedProgress) => {
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(events / seconds) : 0;
    return `${number(persons)}/${number(totalPersons)} people, ${number(events)} events, ${number(rate)} events/s`;
  };
  return {
    update(progress: SeedProgress): void {
      bar.update(progress.totalPersons === 0 ? 1 : progress.persons / progress.totalPersons, () => describe(progress));
    },
    done: bar.done,
  };
}

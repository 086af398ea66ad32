import type { SeededRandom } from "./seeded-random.js";

/**
 * UUIDv7 event ids made when the seed runs: the time field is `baseMs` plus the id's sequence
 * number over 4,096 and rand_a holds the rest, so ids grow in the order they are made and land
 * at the end of the (site, id) unique index, as a live SDK's do (random ids would cut SQLite's
 * insert rate several times). rand_b comes from the seeded generator.
 */
export class SeedIds {
  private sequence = 0;

  constructor(
    private readonly baseMs: number,
    private readonly random: SeededRandom,
  ) {}

  next(): string {
    const n = this.sequence++;
    const time = (this.baseMs + Math.floor(n / 4096)).toString(16).padStart(12, "0");
    const randA = (n % 4096).toString(16).padStart(3, "0");
    const variant = (8 + (this.random.uint32() & 3)).toString(16);
    const randB = this.random.hex(15);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${randA}-${variant}${randB.slice(0, 3)}-${randB.slice(3)}`;
  }
}

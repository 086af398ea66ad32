import type { PathTouch } from "./path-touch.js";

export interface PathOutcomes {
  conversions: number;
  nonConversions: number;
  /** Sum of the conversions' values. */
  value: number;
  /** How many of the conversions were customers' first of the kind. */
  firstConversions: number;
}

export interface SummarisedPath extends PathOutcomes {
  /** The path's touch labels, in order: its identity. */
  labels: string[];
  /** The key each label is credited under. */
  keys: string[];
}

// A label's code is one UTF-16 unit below ESCAPE, or ESCAPE and two more for the rare label beyond:
// a prefix code, so a path's codes joined are unambiguous, and short to hash.
const ESCAPE = 0xf000;

/**
 * Outcomes per distinct (transformed) path: what markov, shapley and fractribution fit on. Memory
 * grows with the number of distinct paths, not with the number of journeys: each path is kept as a
 * short string of label codes with four counters.
 */
export class PathSummary {
  private readonly codes = new Map<string, string>();
  private readonly labelOfCode = new Map<string, { label: string; key: string }>();
  private readonly outcomes = new Map<string, PathOutcomes>();

  add(path: readonly PathTouch[], outcomes: PathOutcomes): void {
    let id = "";
    // A path repeats its labels (the same channel touch after touch): look each run up once.
    let label: string | undefined;
    let code = "";
    for (const touch of path) {
      if (touch.label !== label) {
        label = touch.label;
        code = this.codes.get(label) ?? this.register(touch);
      }
      id += code;
    }
    const known = this.outcomes.get(id);
    if (known) {
      known.conversions += outcomes.conversions;
      known.nonConversions += outcomes.nonConversions;
      known.value += outcomes.value;
      known.firstConversions += outcomes.firstConversions;
    } else {
      this.outcomes.set(id, { ...outcomes });
    }
  }

  get(labels: readonly string[]): PathOutcomes | undefined {
    let id = "";
    for (const label of labels) {
      const code = this.codes.get(label);
      if (code === undefined) return undefined;
      id += code;
    }
    return this.outcomes.get(id);
  }

  *values(): IterableIterator<SummarisedPath> {
    for (const [id, outcomes] of this.outcomes) {
      const labels: string[] = [];
      const keys: string[] = [];
      for (let i = 0; i < id.length; ) {
        const width = id.charCodeAt(i) === ESCAPE ? 3 : 1;
        const { label, key } = this.labelOfCode.get(id.slice(i, i + width)) as { label: string; key: string };
        labels.push(label);
        keys.push(key);
        i += width;
      }
      yield { ...outcomes, labels, keys };
    }
  }

  /** Totals over converting paths. */
  conversionTotals(): Omit<PathOutcomes, "nonConversions"> {
    const totals = { conversions: 0, value: 0, firstConversions: 0 };
    for (const path of this.outcomes.values()) {
      totals.conversions += path.conversions;
      totals.value += path.value;
      totals.firstConversions += path.firstConversions;
    }
    return totals;
  }

  private register(touch: PathTouch): string {
    const n = this.codes.size;
    const code = n < ESCAPE ? String.fromCharCode(n) : String.fromCharCode(ESCAPE, (n - ESCAPE) >>> 16, (n - ESCAPE) & 0xffff);
    this.codes.set(touch.label, code);
    this.labelOfCode.set(code, { label: touch.label, key: touch.key });
    return code;
  }
}

/** conversions / (conversions + non-conversions) of one exact path; 0 for a path with neither. */
export function conversionProbability(path: PathOutcomes | undefined): number {
  if (!path) return 0;
  const total = path.conversions + path.nonConversions;
  return total > 0 ? path.conversions / total : 0;
}

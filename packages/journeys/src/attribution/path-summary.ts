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

/**
 * Outcomes per distinct (transformed) path: what markov, shapley and fractribution fit on. Memory
 * grows with the number of distinct paths, not with the number of journeys.
 */
export class PathSummary {
  private readonly paths = new Map<string, SummarisedPath>();

  add(path: readonly PathTouch[], outcomes: PathOutcomes): void {
    const id = pathId(path.map((touch) => touch.label));
    const known = this.paths.get(id);
    if (known) {
      known.conversions += outcomes.conversions;
      known.nonConversions += outcomes.nonConversions;
      known.value += outcomes.value;
      known.firstConversions += outcomes.firstConversions;
    } else {
      this.paths.set(id, { ...outcomes, labels: path.map((touch) => touch.label), keys: path.map((touch) => touch.key) });
    }
  }

  get(labels: readonly string[]): SummarisedPath | undefined {
    return this.paths.get(pathId(labels));
  }

  values(): IterableIterator<SummarisedPath> {
    return this.paths.values();
  }

  /** Totals over converting paths. */
  conversionTotals(): Omit<PathOutcomes, "nonConversions"> {
    const totals = { conversions: 0, value: 0, firstConversions: 0 };
    for (const path of this.paths.values()) {
      totals.conversions += path.conversions;
      totals.value += path.value;
      totals.firstConversions += path.firstConversions;
    }
    return totals;
  }
}

/** conversions / (conversions + non-conversions) of one exact path; 0 for a path with neither. */
export function conversionProbability(path: PathOutcomes | undefined): number {
  if (!path) return 0;
  const total = path.conversions + path.nonConversions;
  return total > 0 ? path.conversions / total : 0;
}

// JSON keeps labels apart whatever characters a campaign name holds.
function pathId(labels: readonly string[]): string {
  return JSON.stringify(labels);
}

import { runIngestRound, type IngestCheck, type IngestRound, type RoundSettings } from "./ingest-round.js";
import { medianFigures } from "./median-figures.js";

export interface IngestSettings extends RoundSettings {
  rounds: number;
}

export interface IngestFigures {
  settings: IngestSettings & { loadGenerator: string };
  /**
   * Every figure as the median of its rounds; the peak RSS is the highest of any round, and the
   * check adds every round up.
   */
  summary: IngestRound;
  rounds: IngestRound[];
}

export const LOAD_GENERATOR = "autocannon 8, in the bench process (workers: 0), sharing the cores with the collector";

/** The ingest benchmark, repeated in rounds so that one disturbed round does not set a figure. */
export async function benchIngest(settings: IngestSettings): Promise<IngestFigures> {
  const rounds: IngestRound[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    console.log(`Ingest round ${round} of ${settings.rounds}...`);
    rounds.push(await runIngestRound(settings));
  }
  return {
    settings: { ...settings, loadGenerator: LOAD_GENERATOR },
    summary: {
      ...medianFigures(rounds),
      collectorPeakRssMb: Math.max(...rounds.map((round) => round.collectorPeakRssMb)),
      check: combinedCheck(rounds.map((round) => round.check)),
    },
    rounds,
  };
}

function combinedCheck(checks: readonly IngestCheck[]): IngestCheck {
  const total = (field: "answers" | "unexpected" | "acknowledgedEvents" | "sentEvents" | "storedEvents") =>
    checks.reduce((sum, check) => sum + check[field], 0);
  return {
    answers: total("answers"),
    unexpected: total("unexpected"),
    acknowledgedEvents: total("acknowledgedEvents"),
    sentEvents: total("sentEvents"),
    storedEvents: total("storedEvents"),
    consistent: checks.every((check) => check.consistent),
  };
}

/**
 * POST /v1/rules/:id/backtest: every person of the site replayed through the engine's backtest
 * of one rule, with each journey's stages and its state at any past moment; nothing is sent or stored.
 */
import { buildJourney, createBacktest, parsePersonKey, type BacktestResult, type JourneyEvent, type RuleBody } from "@touchpoint/journeys";
import type { JourneyReader, Site } from "../store/store.js";
import { stageModelOf } from "./site-journeys.js";

export async function ruleBacktest(
  store: Pick<JourneyReader, "streamPersons">,
  site: Site,
  rule: RuleBody,
  window: { from: number; to: number; asOf: number },
): Promise<BacktestResult> {
  const model = stageModelOf(site);
  const backtest = createBacktest(rule, window);
  for await (const person of store.streamPersons(site.id)) {
    const key = parsePersonKey(person.personKey);
    const customerId = key.kind === "customer" ? key.customerId : null;
    const events: readonly JourneyEvent[] = person.events;
    const stages = buildJourney({ customerId, events, model }).stages.map((s) => ({ stage: s.stage, time: s.enteredAt }));
    backtest.add({
      events,
      stages,
      stateAt(time: number) {
        const journey = buildJourney({ customerId, events: events.filter((e) => e.timestamp <= time), model });
        return { currentStage: journey.currentStage, traits: journey.traits };
      },
    });
  }
  return backtest.result();
}

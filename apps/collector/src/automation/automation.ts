/**
 * The automation runner in a collector process. After each ingest commit it starts runs for the
 * rules whose `when.event` matches (idempotent per rule and trigger event, so a retried batch
 * or a crash between commit and answer never loses or doubles one); from the stage entries journey
 * upkeep recorded with the digests it starts the `stageEntered` and `stalled` rules (idempotent
 * per rule and stage entry, the entry deleted with its runs stored); a loop fires due runs (leased,
 * so each fires on one node) and delivers the outbox at least once. What a fired step does is
 * written in one transaction (run state + outbox); its `track` touchpoints go through the event
 * store first with ids made from the run, so a repeat stores nothing twice.
 */
import {
  conditionHolds,
  DAY_MS,
  type DigestStage,
  eventsAfterTrigger,
  fireStep,
  isoTime,
  parseIsoDuration,
  whereHolds,
  type Journey,
  type RuleBody,
} from "@touchpoint/journeys";
import { journeyOfPerson, stageModelOf } from "../queries/site-journeys.js";
import type { PersonChanged } from "../upkeep/person-changed.js";
import type {
  AutomationStore,
  NewRun,
  RecordedStageEntry,
  StepResult,
  StoredDelivery,
  StoredRule,
  StoredRun,
} from "../store/automation-store.js";
import type { EventRow, InsertOutcome, Site, Store } from "../store/store.js";
import { newStageEntries, stageTriggerId, stalledTriggerId } from "./new-stage-entries.js";
import { retryDelayMs } from "./retry-backoff.js";
import { postWebhook, type AttemptOutcome, type WebhookRequest } from "./webhook-delivery.js";

type StoredEventOf = Awaited<ReturnType<Store["readEvents"]>>[number];

export interface AutomationOptions {
  /** Deliver webhooks to loopback, private and link-local addresses (tests, a receiver on the same host). */
  allowPrivateWebhooks?: boolean;
  /** How often due runs and deliveries are looked for (default 200 ms). */
  pollMs?: number;
  /** How long a node holds a claimed run or delivery before another may take it (default 60 s). */
  leaseMs?: number;
  now?: () => number;
  /** Where a failed pass is reported (default console.error). */
  logError?: (message: string, error: unknown) => void;
  /**
   * Finished runs (done or cancelled, no delivery pending) and their outbox rows are deleted once
   * they are this many days old (default 30; the server passes --retention-days when set).
   */
  keepFinishedDays?: number;
  /** How often finished runs are pruned (default hourly, and once at start). */
  pruneIntervalMs?: number;
  /** One webhook attempt (tests swap it to count calls); postWebhook by default. */
  post?: (request: WebhookRequest) => Promise<AttemptOutcome>;
}

export interface Automation {
  store: AutomationStore;
  /** After a commit: starts the runs its events trigger (new and duplicate rows alike: a duplicate is a retry of a batch whose answer was lost). */
  onEventsCommitted(rows: readonly EventRow[], outcomes: readonly InsertOutcome[]): Promise<void>;
  /**
   * Which stage entries of a person journey upkeep just rebuilt to record for `stageEntered` and
   * `stalled` rules (see newStageEntries), in upkeep's own transaction: those of stages a rule of
   * the site watches, or all new ones while the site's rules are not loaded.
   */
  stageEntriesToRecord(notice: PersonChanged): DigestStage[];
  /**
   * Starts the runs of the stage entries upkeep recorded, deleting each entry in the transaction
   * that stores its runs; a crash in between leaves it for the next call (this process's loop, or
   * the next collector's), which starts nothing twice. A stalled run waits until entry + days +
   * wait, and is cancelled when it fires if the person had left the stage by entry + days.
   */
  takeStageEntries(): Promise<void>;
  /** A rule of the site changed in this process: the trigger check reads the rules anew. */
  rulesChanged(siteId: string): void;
  /** Erasure: the customer's waiting runs are cancelled and their outbox rows deleted. */
  forgetCustomer(siteId: string, customerId: string): Promise<void>;
  /** Fires due runs, then attempts due deliveries, once. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** An enabled rule as the trigger check holds it: its wait parsed once per load of the site's rules. */
interface TriggerRule {
  rule: StoredRule;
  waitMs: number;
}

interface SiteTriggers {
  at: number;
  byEvent: Map<string, TriggerRule[]>;
  byStage: Map<string, TriggerRule[]>;
}

type EventTrigger = { event: string; where?: Parameters<typeof whereHolds>[1]; audience?: Parameters<typeof conditionHolds>[0] };

/** Rules of other collectors on the same database are seen within this long. */
const RULES_TTL_MS = 1_000;
const BATCH = 50;
/** Finished runs deleted per transaction when pruning. */
const PRUNE_CHUNK = 1_000;

export function startAutomation(store: Store, automationStore: AutomationStore, options: AutomationOptions = {}): Automation {
  const {
    allowPrivateWebhooks = false,
    pollMs = 200,
    leaseMs = 60_000,
    now = Date.now,
    logError = (message, error) => console.error(`touchpoint: ${message}:`, error),
    post = (request) => postWebhook(request, { allowPrivate: allowPrivateWebhooks, now }),
    keepFinishedDays = 30,
    pruneIntervalMs = 3_600_000,
  } = options;
  const rulesBySite = new Map<string, SiteTriggers>();
  /** The stages the site's rules watch, as last loaded (kept past the TTL: upkeep asks synchronously). */
  const watchedStages = new Map<string, Set<string>>();
  const versions = new Map<string, RuleBody>();
  const sites = new Map<string, Site>();

  /** The site's enabled rules by trigger event name and by stage entered, their waits parsed once per load. */
  async function siteTriggerRules(siteId: string): Promise<SiteTriggers> {
    const cached = rulesBySite.get(siteId);
    if (cached && now() - cached.at < RULES_TTL_MS) return cached;
    const byEvent = new Map<string, TriggerRule[]>();
    const byStage = new Map<string, TriggerRule[]>();
    for (const rule of await automationStore.enabledRules(siteId)) {
      const when = rule.body.when;
      const trigger = { rule, waitMs: parseIsoDuration(rule.body.wait) ?? 0 };
      const key = "event" in when ? when.event : "stageEntered" in when ? when.stageEntered : when.stalled;
      const index = "event" in when ? byEvent : byStage;
      index.set(key, [...(index.get(key) ?? []), trigger]);
    }
    const rules = { at: now(), byEvent, byStage };
    rulesBySite.set(siteId, rules);
    watchedStages.set(siteId, new Set(byStage.keys()));
    return rules;
  }

  async function siteOf(siteId: string): Promise<Site | null> {
    if (!sites.has(siteId)) for (const site of await store.listSites()) sites.set(site.id, site);
    return sites.get(siteId) ?? null;
  }

  async function ruleVersion(ruleId: string, version: number): Promise<RuleBody | null> {
    const key = `${ruleId}@${version}`;
    let body = versions.get(key);
    if (!body) {
      const found = await automationStore.ruleVersion(ruleId, version);
      if (!found) return null;
      versions.set(key, (body = found));
    }
    return body;
  }

  /** The person's key now: an anonymous visitor identified since the trigger is their customer. */
  async function currentPersonKey(siteId: string, customerId: string | null, anonymousId: string | null): Promise<string> {
    if (customerId !== null) return `c:${customerId}`;
    const link = anonymousId === null ? null : await store.findIdentityLink(siteId, anonymousId);
    return link ? `c:${link.customerId}` : `a:${anonymousId}`;
  }

  async function journeyNow(
    siteId: string,
    personKey: string,
  ): Promise<{ journey: Journey; events: Awaited<ReturnType<Store["readEvents"]>> } | null> {
    const site = await siteOf(siteId);
    if (!site) return null;
    const events = await store.readEvents(siteId, { personKey });
    if (events.length === 0) return null;
    return { journey: journeyOfPerson({ personKey, events }, stageModelOf(site)), events };
  }

  function stageAt(siteId: string, personKey: string, events: readonly StoredEventOf[], time: number): string | null {
    const site = sites.get(siteId)!;
    return journeyOfPerson({ personKey, events: events.filter((e) => e.timestamp <= time) }, stageModelOf(site)).currentStage;
  }

  async function onEventsCommitted(rows: readonly EventRow[], outcomes: readonly InsertOutcome[]): Promise<void> {
    const runs: NewRun[] = [];
    // Rules per site once per commit: the check of a row that triggers nothing is one map lookup.
    const siteRules = new Map<string, Map<string, TriggerRule[]>>();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (outcomes[i] === "suppressed") continue;
      let byEvent = siteRules.get(row.siteId);
      if (!byEvent) siteRules.set(row.siteId, (byEvent = (await siteTriggerRules(row.siteId)).byEvent));
      const triggers = byEvent.get(row.name);
      if (!triggers) continue;
      // Read once per row, and only when a rule needs them.
      let properties: Record<string, unknown> | undefined;
      let personKey: string | undefined;
      for (const { rule, waitMs } of triggers) {
        const when = rule.body.when as EventTrigger;
        if (when.where && !whereHolds((properties ??= JSON.parse(row.properties) as Record<string, unknown>), when.where)) continue;
        personKey ??= await currentPersonKey(row.siteId, row.customerId, row.anonymousId);
        if (when.audience) {
          const now = await journeyNow(row.siteId, personKey);
          if (!now || !conditionHolds(when.audience, { events: [], currentStage: now.journey.currentStage, traits: now.journey.traits }))
            continue;
        }
        runs.push({
          siteId: row.siteId,
          ruleId: rule.id,
          ruleVersion: rule.version,
          reentry: rule.body.reentry === true,
          trigger: { eventId: row.id, name: row.name, timestamp: row.timestamp },
          personKey,
          customerId: personKey.startsWith("c:") ? personKey.slice(2) : null,
          anonymousId: row.anonymousId,
          // The wait runs from when the trigger reached us: a late-arriving event is not fired at once.
          dueAt: row.receivedAt + waitMs,
        });
      }
    }
    if (runs.length > 0) await automationStore.startRuns(runs, now());
  }

  /** A stage entry's trigger and due time: stageEntered waits from when upkeep recorded the entry (as event triggers wait from receipt), stalled from the moment the stay reached its days. */
  function stageTrigger(rule: RuleBody, waitMs: number, entry: RecordedStageEntry): Pick<NewRun, "trigger" | "dueAt"> {
    if ("stalled" in rule.when) {
      const stalledAt = entry.enteredAt + rule.when.days * DAY_MS;
      return {
        trigger: { eventId: stalledTriggerId(entry.stage, entry.personKey, entry.enteredAt), name: entry.stage, timestamp: stalledAt },
        dueAt: stalledAt + waitMs,
      };
    }
    return {
      trigger: { eventId: stageTriggerId(entry.stage, entry.personKey, entry.enteredAt), name: entry.stage, timestamp: entry.enteredAt },
      dueAt: entry.recordedAt + waitMs,
    };
  }

  function stageEntriesToRecord(notice: PersonChanged): DigestStage[] {
    const entries = newStageEntries(notice);
    const watched = watchedStages.get(notice.siteId);
    return watched === undefined ? entries : entries.filter((entry) => watched.has(entry.stage));
  }

  /** The runs of recorded stage entries, stored with the entries' deletion; true when it found a full batch. */
  async function stagePass(): Promise<boolean> {
    const entries = await automationStore.recordedStageEntries(BATCH);
    const runs: NewRun[] = [];
    for (const entry of entries) {
      const { byStage } = await siteTriggerRules(entry.siteId);
      const customerId = entry.personKey.startsWith("c:") ? entry.personKey.slice(2) : null;
      for (const { rule, waitMs } of byStage.get(entry.stage) ?? []) {
        const { audience } = rule.body.when;
        if (audience) {
          const person = await journeyNow(entry.siteId, entry.personKey);
          if (
            !person ||
            !conditionHolds(audience, { events: [], currentStage: person.journey.currentStage, traits: person.journey.traits })
          )
            continue;
        }
        runs.push({
          siteId: entry.siteId,
          ruleId: rule.id,
          ruleVersion: rule.version,
          reentry: rule.body.reentry === true,
          personKey: entry.personKey,
          customerId,
          anonymousId: customerId === null ? entry.personKey.slice(2) : null,
          ...stageTrigger(rule.body, waitMs, entry),
        });
      }
    }
    if (entries.length > 0) await automationStore.startRuns(runs, now(), entries);
    return entries.length === BATCH;
  }

  /** One drain at a time; a call during one asks for another pass after it. */
  let draining: Promise<void> | null = null;
  let drainAgain = false;
  function takeStageEntries(): Promise<void> {
    if (draining) {
      drainAgain = true;
      return draining;
    }
    draining = (async () => {
      do {
        drainAgain = false;
        while (await stagePass());
      } while (drainAgain);
    })().finally(() => {
      draining = null;
    });
    return draining;
  }

  /** A due run's step: what it does (its track touchpoints to store, its outcome), or null when it was cancelled. */
  async function fire(
    run: StoredRun,
    firedAt: number,
  ): Promise<{ tracks: EventRow[]; step: { run: StoredRun; result: StepResult } } | null> {
    const rule = await ruleVersion(run.ruleId, run.ruleVersion);
    const personKey = await currentPersonKey(run.siteId, run.customerId, run.anonymousId);
    const person = rule && (await journeyNow(run.siteId, personKey));
    // The rule was deleted, or the person's events are gone (erased, expired): nothing to act on.
    if (!rule || !person) {
      await automationStore.cancelRun(run.id, now());
      return null;
    }
    const { journey, events } = person;
    // A stalled run acts only if the person was still in the stage when the stay reached its days.
    if (
      "stalled" in rule.when &&
      run.stepPath.length === 0 &&
      stageAt(run.siteId, personKey, events, run.trigger.timestamp) !== rule.when.stalled
    ) {
      await automationStore.cancelRun(run.id, now());
      return null;
    }
    const outcome = fireStep(rule, run.stepPath, {
      events: eventsAfterTrigger(events, { id: run.trigger.eventId, timestamp: run.trigger.timestamp }, Infinity),
      currentStage: journey.currentStage,
      traits: journey.traits,
    });
    if (!outcome) {
      await automationStore.cancelRun(run.id, now());
      return null;
    }
    const branch = outcome.branch;
    const tracks: EventRow[] = [];
    const deliveries = [];
    for (const action of outcome.actions) {
      const actionId = `${run.id}_${branch}_${action.index}`;
      if (action.kind === "track") {
        tracks.push({
          siteId: run.siteId,
          id: `auto_${actionId}`,
          type: "touchpoint",
          name: action.name,
          anonymousId: journey.customerId === null ? run.anonymousId : null,
          customerId: journey.customerId,
          personKey,
          sessionId: null,
          timestamp: run.dueAt ?? firedAt,
          receivedAt: firedAt,
          properties: JSON.stringify({
            ...action.properties,
            rule: run.ruleId,
            ruleName: rule.name,
            ruleVersion: run.ruleVersion,
            runId: run.id,
            branch,
          }),
          traits: null,
          context: JSON.stringify({ channel: "automation" }),
          userAgent: null,
          browser: null,
          os: null,
          deviceType: null,
        });
      } else {
        const deliveryId = `dlv_${actionId}`;
        const payload = {
          deliveryId,
          rule: { id: run.ruleId, name: rule.name, version: run.ruleVersion },
          branch,
          customerId: journey.customerId,
          anonymousIds: journey.anonymousIds,
          trigger: { eventId: run.trigger.eventId, name: run.trigger.name, timestamp: isoTime(run.trigger.timestamp) },
          currentStage: journey.currentStage,
          traits: journey.traits,
          firedAt: isoTime(firedAt),
        };
        deliveries.push({ id: deliveryId, url: action.url, branch: branch!, body: JSON.stringify(payload) });
      }
    }
    const next = outcome.next && { path: outcome.next.path, dueAt: firedAt + outcome.next.waitMs };
    return { tracks, step: { run, result: { branch, deliveries, next, customerId: journey.customerId } } };
  }

  /**
   * Fires a batch of due runs: their track touchpoints first (ids made from the run, so a repeat
   * after a crash stores nothing twice), then every step's outcome and deliveries in one
   * transaction: one commit per batch rather than per run.
   */
  async function fireAll(runs: readonly StoredRun[]): Promise<void> {
    const firedAt = now();
    const fired: NonNullable<Awaited<ReturnType<typeof fire>>>[] = [];
    for (const run of runs) {
      const done = await fire(run, firedAt).catch((error: unknown) => {
        logError(`automation run ${run.id} failed; it is tried again when its lease ends`, error);
        return null;
      });
      if (done) fired.push(done);
    }
    const tracks = fired.flatMap((f) => f.tracks);
    if (tracks.length > 0) await onEventsCommitted(tracks, await store.insertEvents(tracks));
    await automationStore.completeSteps(
      fired.map((f) => f.step),
      now(),
    );
  }

  async function deliver(delivery: StoredDelivery): Promise<void> {
    const rule = await automationStore.findRule(delivery.siteId, delivery.ruleId);
    if (!rule) return;
    const outcome = await post({ url: delivery.url, body: delivery.body, deliveryId: delivery.id, signingSecret: rule.signingSecret });
    const at = now();
    if (outcome.ok) return automationStore.recordAttempt(delivery.id, { delivered: true }, at);
    const retryAt = at + retryDelayMs(delivery.attempts + 1);
    if (!outcome.retry || retryAt > delivery.giveUpAt) {
      const error = outcome.retry ? `${outcome.error}; gave up after 24 hours` : outcome.error;
      return automationStore.recordAttempt(delivery.id, { failed: true, error }, at);
    }
    return automationStore.recordAttempt(delivery.id, { retryAt, error: outcome.error }, at);
  }

  /** Fires due runs once; true when it found a full batch, so more may be due at once. */
  async function firePass(): Promise<boolean> {
    const runs = await automationStore.claimDueRuns(now(), BATCH, leaseMs);
    await fireAll(runs).catch((error: unknown) => logError("automation runs failed; they are tried again when their lease ends", error));
    return runs.length === BATCH;
  }

  /** Attempts due deliveries once; true when it found a full batch. */
  async function deliverPass(): Promise<boolean> {
    const due = await automationStore.claimDueDeliveries(now(), BATCH, leaseMs);
    await Promise.all(due.map((d) => deliver(d).catch((error: unknown) => logError(`delivery ${d.id} failed`, error))));
    return due.length === BATCH;
  }

  async function tick(): Promise<void> {
    await firePass();
    await deliverPass();
  }

  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  /** Runs `pass` every pollMs, at once again after a full batch, so a burst is not paced by pollMs. Firing and delivering loop apart: slow receivers do not hold timers back. */
  function loop(pass: () => Promise<boolean>): { running: Promise<void> } {
    const state = { running: Promise.resolve() };
    const next = () => {
      state.running = pass()
        .catch((error: unknown) => {
          logError("an automation pass failed", error);
          return false;
        })
        .then((more) => {
          if (stopped) return;
          const timer = setTimeout(
            () => {
              timers.delete(timer);
              next();
            },
            more ? 0 : pollMs,
          );
          timers.add(timer);
        });
    };
    next();
    return state;
  }
  /** Deletes runs finished more than keepFinishedDays ago, a chunk per transaction. */
  async function prunePass(): Promise<void> {
    const before = now() - keepFinishedDays * DAY_MS;
    while (!stopped && (await automationStore.pruneFinished(before, PRUNE_CHUNK)).runs === PRUNE_CHUNK);
  }
  let pruning: Promise<void> | null = null;
  const prune = () => {
    pruning ??= prunePass()
      .catch((error: unknown) => logError("pruning finished automation runs failed; the next pass tries again", error))
      .finally(() => {
        pruning = null;
      });
  };
  prune();
  const pruneTimer = setInterval(prune, pruneIntervalMs);
  pruneTimer.unref();

  // Stage entries are taken at once after upkeep's notice (stage-triggers.ts); this loop takes those a crash left behind.
  const loops = [
    loop(firePass),
    loop(deliverPass),
    loop(async () => {
      await takeStageEntries();
      return false;
    }),
  ];

  return {
    store: automationStore,
    onEventsCommitted,
    stageEntriesToRecord,
    takeStageEntries,
    rulesChanged(siteId) {
      rulesBySite.delete(siteId);
      watchedStages.delete(siteId);
    },
    async forgetCustomer(siteId, customerId) {
      await automationStore.forgetCustomer(siteId, customerId, now());
    },
    tick,
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      clearInterval(pruneTimer);
      await pruning;
      await Promise.all(loops.map((l) => l.running));
      // A failed drain was reported to whoever asked for it; stopping only waits for it to end.
      await draining?.catch(() => undefined);
    },
  };
}

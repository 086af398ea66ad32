/**
 * Automation's storage: rules with their versions, runs (a waiting run is its own durable timer)
 * and the webhook outbox. One implementation (automation-sql.ts) over a small SQL driver per
 * backend, held to one behaviour suite on SQLite and PostgreSQL (automation-store-behaviour.ts).
 */
import type { RuleBody } from "@touchpoint/journeys";

export interface StoredRule {
  id: string;
  siteId: string;
  version: number;
  enabled: boolean;
  signingSecret: string;
  /** The current version's body. */
  body: RuleBody;
  createdAt: number;
  updatedAt: number;
}

export type RunState = "waiting" | "done" | "cancelled";

/** Waiting runs (pending timers) and outbox rows by delivery status. */
export interface AutomationCounts {
  waitingRuns: number;
  deliveries: { pending: number; delivered: number; failed: number };
}

/** The site's runs of one rule in one state that took the same branches, counted. */
export interface RunGroup {
  ruleId: string;
  state: RunState;
  /** The branch labels taken, in order; empty when none was (yet). */
  branches: string[];
  runs: number;
}

/** The site's deliveries of one rule's branch in one status, counted. */
export interface DeliveryGroup {
  ruleId: string;
  branch: string;
  status: DeliveryStatus;
  deliveries: number;
}

export interface NewRun {
  siteId: string;
  ruleId: string;
  ruleVersion: number;
  /** Only one run waits per (rule, person) unless the rule has reentry. */
  reentry: boolean;
  trigger: { eventId: string; name: string; timestamp: number };
  personKey: string;
  customerId: string | null;
  anonymousId: string | null;
  dueAt: number;
}

/** A stage entry journey upkeep recorded for automation (journey_stage_entries): at least once, until its runs are started. */
export interface RecordedStageEntry {
  siteId: string;
  personKey: string;
  stage: string;
  enteredAt: number;
  recordedAt: number;
}

export interface StoredRun {
  id: string;
  siteId: string;
  ruleId: string;
  ruleVersion: number;
  trigger: { eventId: string; name: string; timestamp: number };
  personKey: string;
  customerId: string | null;
  anonymousId: string | null;
  state: RunState;
  stepPath: number[];
  dueAt: number | null;
  branches: string[];
  createdAt: number;
}

export type DeliveryStatus = "pending" | "delivered" | "failed";

export interface NewDelivery {
  id: string;
  url: string;
  branch: string;
  body: string;
}

export interface StoredDelivery extends NewDelivery {
  siteId: string;
  runId: string;
  ruleId: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: number | null;
  giveUpAt: number;
  deliveredAt: number | null;
}

export interface RunWithDeliveries extends StoredRun {
  deliveries: StoredDelivery[];
}

/** What firing a run's step did: the branch taken (null: none held), deliveries to queue, the next wait. */
export interface StepResult {
  branch: string | null;
  deliveries: NewDelivery[];
  next: { path: number[]; dueAt: number } | null;
  /** The person's customer id as of firing (an anonymous trigger may have been identified since). */
  customerId: string | null;
}

export type AttemptResult = { delivered: true } | { retryAt: number; error: string } | { failed: true; error: string };

export interface AutomationStore {
  createRule(siteId: string, body: RuleBody, signingSecret: string, now: number): Promise<StoredRule>;
  listRules(siteId: string): Promise<StoredRule[]>;
  findRule(siteId: string, ruleId: string): Promise<StoredRule | null>;
  /** Every enabled rule of the site, for the trigger check after each commit. */
  enabledRules(siteId: string): Promise<StoredRule[]>;
  setRuleEnabled(siteId: string, ruleId: string, enabled: boolean, now: number): Promise<StoredRule | null>;
  /** Stores the body as the next version; runs in flight keep theirs. */
  replaceRuleBody(siteId: string, ruleId: string, body: RuleBody, now: number): Promise<StoredRule | null>;
  /** Deletes the rule, its versions, runs and outbox rows; false when the site has no such rule. */
  deleteRule(siteId: string, ruleId: string): Promise<boolean>;
  ruleVersion(ruleId: string, version: number): Promise<RuleBody | null>;
  /**
   * Starts runs, each at most once per (rule, trigger event id) whatever retries or crashes
   * repeat the call, and none for a person already waiting in a rule without reentry. `handled`
   * stage entries (those the runs come from) are deleted in the same transaction. Resolves with
   * how many runs started.
   */
  startRuns(runs: readonly NewRun[], now: number, handled?: readonly RecordedStageEntry[]): Promise<number>;
  /** Stage entries journey upkeep recorded that no startRuns has handled yet, oldest first. */
  recordedStageEntries(limit: number): Promise<RecordedStageEntry[]>;
  /**
   * Leases up to `limit` waiting runs due by `now` that no other node holds (PostgreSQL: FOR
   * UPDATE SKIP LOCKED), until now + leaseMs: a node that dies holding one leaves it to others then.
   */
  claimDueRuns(now: number, limit: number, leaseMs: number): Promise<StoredRun[]>;
  /**
   * Records fired steps, all in one transaction: each run moves on (next wait) or is done, and its
   * deliveries enter the outbox. A run no longer waiting in that step (another node fired it, or
   * an erasure cancelled it) is left as it is, without deliveries: false in its place.
   */
  completeSteps(steps: readonly { run: StoredRun; result: StepResult }[], now: number): Promise<boolean[]>;
  /** Cancels a waiting run (its person is gone); false when it was not waiting. */
  cancelRun(runId: string, now: number): Promise<boolean>;
  listRuns(siteId: string, ruleId: string, filter: { customerId?: string; state?: RunState; limit: number }): Promise<RunWithDeliveries[]>;
  /** The site's runs and deliveries counted in groups: what the dashboard's rules view sums up. */
  countRuns(siteId: string): Promise<{ runs: RunGroup[]; deliveries: DeliveryGroup[] }>;
  /** Leases pending deliveries due by now, like claimDueRuns. */
  claimDueDeliveries(now: number, limit: number, leaseMs: number): Promise<StoredDelivery[]>;
  recordAttempt(deliveryId: string, result: AttemptResult, now: number): Promise<void>;
  /**
   * Deletes up to `limit` runs that finished (done or cancelled) before `before` and have no
   * delivery still pending, with their outbox rows, in one transaction; resolves with how many
   * of each went. Every site's.
   */
  pruneFinished(before: number, limit: number): Promise<{ runs: number; deliveries: number }>;
  /** Waiting runs and outbox rows by status, over every site: what /metrics shows. */
  countOpenWork(): Promise<AutomationCounts>;
  /** Erasure: cancels the customer's waiting runs and deletes their outbox rows and recorded stage entries. */
  forgetCustomer(siteId: string, customerId: string, now: number): Promise<{ cancelledRuns: number; deletedDeliveries: number }>;
  close(): Promise<void>;
}

/**
 * Readiness remembers a commit that failed because the store is unavailable (a full disk, an
 * I/O error) until a later commit succeeds, or for FORGET_AFTER_MS: a collector taken out of a
 * load balancer's rotation gets no commits to prove itself with, so after that while it is
 * offered traffic again and the next commit decides.
 */
import { describeFailure, isStoreUnavailable } from "../store-unavailable.js";

const FORGET_AFTER_MS = 10_000;

export function failedCommits(now: () => number = Date.now) {
  let last: { reason: string; at: number } | null = null;
  return {
    failed(error: unknown): void {
      if (isStoreUnavailable(error)) last = { reason: describeFailure(error), at: now() };
    },
    succeeded(): void {
      last = null;
    },
    /** Why the store is not ready, while a failure is recent; else null. */
    reason(): string | null {
      return last !== null && now() - last.at < FORGET_AFTER_MS ? `the last commit failed: ${last.reason}` : null;
    },
  };
}

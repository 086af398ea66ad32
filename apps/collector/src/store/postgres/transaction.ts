import type pg from "pg";

/** A transaction that lost a race it can win by running again from the start. */
export class RetryTransaction extends Error {}

const DEADLOCK_DETECTED = "40P01";
const ATTEMPTS = 3;

export interface TransactionOptions {
  /** Runs on the connection before BEGIN, in autocommit, at every attempt. */
  beforeBegin?: (client: pg.PoolClient) => Promise<void>;
}

const retryable = (error: unknown) => error instanceof RetryTransaction || (error as { code?: string }).code === DEADLOCK_DETECTED;

/**
 * Runs `work` in one transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when
 * it throws. A deadlock PostgreSQL broke by aborting this transaction, or a RetryTransaction,
 * runs it again from the start (at most three attempts): nothing of a rolled-back attempt
 * remains. A connection whose rollback fails too is broken and leaves the pool.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  { beforeBegin }: TransactionOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let result: T;
    try {
      await beforeBegin?.(client);
      await client.query("BEGIN");
      result = await work(client);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").then(
        () => client.release(),
        (rollbackError: Error) => client.release(rollbackError),
      );
      if (attempt < ATTEMPTS && retryable(error)) continue;
      throw error;
    }
    client.release();
    return result;
  }
}

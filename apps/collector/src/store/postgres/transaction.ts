import type pg from "pg";

/**
 * Runs `work` in one transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when
 * it throws. A connection whose rollback fails too is broken and leaves the pool instead of
 * going back to it.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, begin = "BEGIN"): Promise<T> {
  const client = await pool.connect();
  let result: T;
  try {
    await client.query(begin);
    result = await work(client);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").then(
      () => client.release(),
      (rollbackError: Error) => client.release(rollbackError),
    );
    throw error;
  }
  client.release();
  return result;
}

/**
 * The client-side limit on a statement, for a server that answers nothing at all (hung, or its
 * host gone), in place of node-postgres's query_timeout. That option starts a timer per query, and
 * with it every young-generation collection of the process cost several times as much: on the
 * 100k-customer bench database, about 1 ms more CPU per 1,000-event journey and 416 instead of
 * 329 ms per funnel. One timer per pool does the same here: it looks at every connection a few
 * times per limit, and one that has waited `limitMs` for an answer to a query, with no
 * ReadyForQuery from the server meanwhile, is destroyed. Its query fails with "Connection
 * terminated unexpectedly" (the store reports it as unavailable) and the pool drops it.
 */
import type pg from "pg";

interface Watched {
  /** ReadyForQuery messages received: each ends a query. */
  answered: number;
  /** When the connection was first seen waiting with `answered` at `answeredThen`; 0 when not waiting. */
  since: number;
  answeredThen: number;
}

/** node-postgres sets this false while a query waits for the server, true once it answered (not in its type declarations). */
const isWaiting = (client: pg.PoolClient) => (client as unknown as { readyForQuery: boolean }).readyForQuery === false;

/** Watches the pool's connections until the returned stop() is called. */
export function watchQueries(pool: pg.Pool, limitMs: number): () => void {
  const watched = new Map<pg.PoolClient, Watched>();
  pool.on("connect", (client) => {
    const state: Watched = { answered: 0, since: 0, answeredThen: 0 };
    client.connection.on("readyForQuery", () => {
      state.answered++;
    });
    watched.set(client, state);
  });
  pool.on("remove", (client) => watched.delete(client));

  const timer = setInterval(
    () => {
      const now = Date.now();
      for (const [client, state] of watched) {
        if (!isWaiting(client)) state.since = 0;
        else if (state.since === 0 || state.answeredThen !== state.answered) {
          state.since = now;
          state.answeredThen = state.answered;
        } else if (now - state.since >= limitMs) {
          watched.delete(client);
          client.connection.stream.destroy();
        }
      }
    },
    // A query is failed between limitMs and an eighth more after it began waiting.
    Math.max(10, Math.floor(limitMs / 8)),
  );
  timer.unref();
  return () => clearInterval(timer);
}

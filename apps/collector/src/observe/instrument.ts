/** Commit metrics taken around the store and the group-commit writer, so neither knows about metrics. */
import type { GroupCommitWriter } from "../ingest/group-commit.js";
import type { Store } from "../store/store.js";
import type { CollectorMetrics } from "./metrics.js";

/** The store with its insertEvents (one call per group commit) timed and counted. */
export function storeWithCommitMetrics(store: Store, metrics: CollectorMetrics): Store {
  return {
    ...store,
    async insertEvents(rows) {
      const start = process.hrtime.bigint();
      const outcomes = await store.insertEvents(rows);
      metrics.commit(rows.length, Number(process.hrtime.bigint() - start) / 1e9);
      return outcomes;
    },
  };
}

/** The writer with the rows it holds (queued or committing) counted. */
export function writerWithQueueMetrics(writer: GroupCommitWriter, metrics: CollectorMetrics): GroupCommitWriter {
  return {
    write(rows) {
      metrics.queued(rows.length);
      return writer.write(rows).finally(() => metrics.queued(-rows.length));
    },
    close: () => writer.close(),
  };
}

import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { InvalidOptionError, toPeriod } from "@touchpoint/journeys";
import { loadConfig } from "../config.js";
import { eventExportChunks, type EventExportProgress, type ExportFormat } from "../export/event-export.js";
import { UsageError, type Command } from "./command.js";
import { openStoreAt } from "./open-store.js";
import { progressBar } from "./progress-bar.js";
import { dbHelp, dbOption } from "./sites.js";

const number = (n: number) => n.toLocaleString("en-US");

/** Export progress on stderr: a bar of the site's events read so far. */
function exportProgress(out: NodeJS.WriteStream, total: number) {
  const bar = progressBar(out, "export");
  return {
    update(progress: EventExportProgress) {
      const share = total === 0 ? 1 : Math.min(progress.scanned / total, 1);
      bar.update(share, () => `${number(progress.events)} events of ${number(progress.persons)} people written`);
    },
    done: bar.done,
  };
}

export const exportCommand: Command = {
  path: ["export"],
  summary: "write every event of a period to a file as NDJSON or CSV",
  help: `Usage: touchpoint export --site ID --out FILE [--format ndjson|csv] [--from DATE] [--to DATE] [--db PATH]

Writes the site's events of the period to FILE, person by person, as GET /v1/events/export
answers them (columns person_key, id, type, name, customer_id, anonymous_id, session_id,
timestamp, properties, traits, context, browser, os, device_type), in constant memory.
Progress goes to stderr; a JSON summary { "file", "format", "events", "persons" } to stdout.

Options:
  --site ID        the site's id (see \`touchpoint sites list\`)
  --out FILE       where to write (replaced if it exists)
  --format FORMAT  ndjson (default) or csv
  --from DATE      start of the period, included (2026-03-01 or an ISO date-time)
  --to DATE        end of the period: a date includes that whole UTC day
${dbHelp}`,
  options: {
    site: { type: "string" },
    out: { type: "string" },
    format: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    ...dbOption,
  },

  async run(values) {
    const siteId = (values.site as string | undefined)?.trim();
    if (!siteId) throw new UsageError("--site is required");
    const file = values.out as string | undefined;
    if (!file) throw new UsageError("--out is required");
    const format = (values.format as string | undefined) ?? "ndjson";
    if (format !== "ndjson" && format !== "csv") throw new UsageError(`--format must be ndjson or csv, not ${JSON.stringify(format)}`);
    let period: ReturnType<typeof toPeriod>;
    try {
      period = toPeriod(values.from as string | undefined, values.to as string | undefined);
    } catch (error) {
      if (!(error instanceof InvalidOptionError)) throw error;
      throw new UsageError(`--${error.message}`);
    }
    const store = await openStoreAt(loadConfig({ db: values.db as string | undefined }).db);
    try {
      if (!(await store.listSites()).some((s) => s.id === siteId)) throw new Error(`no site has the id ${JSON.stringify(siteId)}`);
      const progress = exportProgress(process.stderr, await store.countEvents(siteId));
      let last: EventExportProgress = { persons: 0, events: 0, scanned: 0, lastPersonKey: null };
      const out = createWriteStream(file);
      try {
        for await (const chunk of eventExportChunks(store, siteId, {
          period,
          format: format as ExportFormat,
          onPerson: (p) => progress.update((last = p)),
        })) {
          // Wait for the file when it lags, so memory stays bounded however large the export.
          if (!out.write(chunk)) await once(out, "drain");
        }
      } finally {
        out.end();
        await once(out, "close");
      }
      progress.done();
      console.log(JSON.stringify({ file, format, events: last.events, persons: last.persons }, null, 2));
    } finally {
      await store.close();
    }
  },
};

/** What SQLite's digest reader and upkeep agree on: how a mark names its model, and the last event seq. */
import type Database from "better-sqlite3";
import { DIGEST_RECORD_VERSION } from "../journey-digest-record.js";

/** What a site's digests were made with: the builder's model key, in this store's record encoding. */
export const digestMarkKey = (modelKey: string) => `${DIGEST_RECORD_VERSION}:${modelKey}`;

/** The highest seq ever given out (AUTOINCREMENT keeps it in sqlite_sequence), deleted rows included. */
export const lastEventSeq = (client: Database.Database) =>
  client.prepare<[], number>("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0)").pluck();

import { loadConfig } from "../config.js";
import type { Command } from "./command.js";
import { openStoreAt } from "./open-store.js";
import { dbHelp, dbOption } from "./sites.js";

export const adminTokenCommand: Command = {
  path: ["admin-token"],
  summary: "make the admin token for /v1/admin (replaces the previous one)",
  help: `Usage: touchpoint admin-token [--db PATH]

Makes a new admin token and prints it once: { "adminToken" }. It is stored hashed, like the
sites' secret keys, and replaces the previous token at once on every collector of the database.
It authorises site management over HTTP (Authorization: Bearer <token>):
  GET /v1/admin/sites, POST /v1/admin/sites { name, origins },
  PATCH /v1/admin/sites/ID { origins }, DELETE /v1/admin/sites/ID.

Options:
${dbHelp}`,
  options: dbOption,

  async run(values) {
    const store = await openStoreAt(loadConfig({ db: values.db as string | undefined }).db);
    try {
      console.log(JSON.stringify({ adminToken: await store.replaceAdminToken() }, null, 2));
    } finally {
      await store.close();
    }
  },
};

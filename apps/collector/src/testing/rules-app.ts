/**
 * The rules tests' fixture: a collector app with automation on a new SQLite file (webhooks to
 * loopback allowed, a 50 ms poll), a site, a webhook receiver, and requests with the secret key.
 * The fields are replaced before each test, so read them through the returned object.
 */
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { createApp } from "../app.js";
import { startAutomation, type Automation } from "../automation/automation.js";
import { DEFAULT_CONFIG } from "../config.js";
import { openSqliteAutomationStore } from "../store/sqlite/automation-driver.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { CreatedSite, Store } from "../store/store.js";
import { jsonCall } from "./json-call.js";
import { useTempDir } from "./temp-dir.js";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.js";

export interface RulesApp {
  store: Store;
  automation: Automation;
  site: CreatedSite;
  app: ReturnType<typeof createApp>;
  receiver: WebhookReceiver;
  /** A request with a JSON body, the site's secret key by default. */
  call: ReturnType<typeof jsonCall>;
}

export function useRulesApp(tempPrefix: string): RulesApp {
  const dir = useTempDir(tempPrefix);
  const fixture = {} as RulesApp;
  fixture.call = jsonCall(
    () => fixture.app,
    () => fixture.site.secretKey,
  );
  beforeEach(async () => {
    const file = join(dir(), "touchpoint.db");
    fixture.store = await openSqliteStore(file);
    fixture.site = await fixture.store.createSite({ name: "shop", origins: [] });
    fixture.automation = startAutomation(fixture.store, openSqliteAutomationStore(file), { allowPrivateWebhooks: true, pollMs: 50 });
    fixture.app = createApp({ store: fixture.store, config: DEFAULT_CONFIG, automation: fixture.automation });
    fixture.receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await fixture.receiver.close();
    await fixture.automation.stop();
    await fixture.automation.store.close();
    await fixture.store.close();
  });
  return fixture;
}

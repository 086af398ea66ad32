/**
 * The store as the query API sees it when automation runs: erasing a customer first cancels their
 * waiting runs and deletes their outbox rows, so nothing fires or is sent about them afterwards.
 */
import type { Store } from "../store/store.js";
import type { Automation } from "./automation.js";

export function storeWithAutomationErasure(store: Store, automation: Automation): Store {
  return {
    ...store,
    async eraseCustomer(siteId, customerId) {
      await automation.forgetCustomer(siteId, customerId);
      return store.eraseCustomer(siteId, customerId);
    },
  };
}

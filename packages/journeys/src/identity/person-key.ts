/**
 * A person key names whose journey an event belongs to: `c:<customerId>` for a known customer,
 * `a:<anonymousId>` for a visitor nobody has identified yet. The collector stores it per event
 * and rewrites it when an identity link changes, so a journey is one indexed lookup.
 */
import type { JourneyEvent } from "../types.js";

export type PersonKey = `c:${string}` | `a:${string}`;

export type Person = { kind: "customer"; customerId: string } | { kind: "anonymous"; anonymousId: string };

export function customerKey(customerId: string): PersonKey {
  return `c:${customerId}`;
}

export function anonymousKey(anonymousId: string): PersonKey {
  return `a:${anonymousId}`;
}

export function parsePersonKey(key: string): Person {
  const id = key.slice(2);
  if (key.startsWith("c:") && id.length > 0) return { kind: "customer", customerId: id };
  if (key.startsWith("a:") && id.length > 0) return { kind: "anonymous", anonymousId: id };
  throw new Error(`"${key}" is not a person key: expected "c:<customerId>" or "a:<anonymousId>"`);
}

/**
 * The person an event belongs to. An event that carries a customerId always goes to that
 * customer; otherwise to the customer who owns its anonymous id (`linkOwnerOfAnonymousId`, from
 * the identity links), otherwise to the anonymous visitor.
 */
export function personKeyOf(
  event: Pick<JourneyEvent, "id" | "anonymousId" | "customerId">,
  linkOwnerOfAnonymousId: string | null | undefined,
): PersonKey {
  if (event.customerId !== null) return customerKey(event.customerId);
  if (event.anonymousId === null) {
    throw new Error(`event "${event.id}" carries neither a customerId nor an anonymousId`);
  }
  return linkOwnerOfAnonymousId == null ? anonymousKey(event.anonymousId) : customerKey(linkOwnerOfAnonymousId);
}

import { describe, expect, it } from "vitest";
import { anonymousKey, customerKey, parsePersonKey, personKeyOf } from "./person-key.js";

describe("personKeyOf", () => {
  it("gives an event that carries a customerId to that customer, whoever owns its anonymous id", () => {
    expect(personKeyOf({ id: "e1", anonymousId: "anon-1", customerId: "bob" }, "alice")).toBe("c:bob");
    expect(personKeyOf({ id: "e2", anonymousId: null, customerId: "bob" }, undefined)).toBe("c:bob");
  });

  it("gives an anonymous event to the owner of its anonymous id, else to the visitor", () => {
    expect(personKeyOf({ id: "e1", anonymousId: "anon-1", customerId: null }, "alice")).toBe("c:alice");
    expect(personKeyOf({ id: "e1", anonymousId: "anon-1", customerId: null }, null)).toBe("a:anon-1");
    expect(personKeyOf({ id: "e1", anonymousId: "anon-1", customerId: null }, undefined)).toBe("a:anon-1");
  });

  it("refuses an event with neither id", () => {
    expect(() => personKeyOf({ id: "e9", anonymousId: null, customerId: null }, null)).toThrow(
      'event "e9" carries neither a customerId nor an anonymousId',
    );
  });
});

describe("person keys", () => {
  it("round-trip through parsePersonKey, colons in ids included", () => {
    expect(customerKey("crm:42")).toBe("c:crm:42");
    expect(anonymousKey("0190-ab")).toBe("a:0190-ab");
    expect(parsePersonKey("c:crm:42")).toEqual({ kind: "customer", customerId: "crm:42" });
    expect(parsePersonKey("a:0190-ab")).toEqual({ kind: "anonymous", anonymousId: "0190-ab" });
  });

  it("rejects anything else", () => {
    expect(() => parsePersonKey("x:1")).toThrow('"x:1" is not a person key');
    expect(() => parsePersonKey("c:")).toThrow('"c:" is not a person key');
  });
});

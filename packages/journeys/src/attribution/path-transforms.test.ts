import { describe, expect, it } from "vitest";
import { InvalidOptionError } from "./invalid-option.js";
import type { PathTouch } from "./path-touch.js";
import { parsePathTransform, transformPath, type PathTransform } from "./path-transforms.js";

function path(keys: string): PathTouch[] {
  return keys.split(" ").map((key, time) => ({ key, label: key, time, direct: false }));
}

function labels(keys: string, transforms: PathTransform[]): string {
  return transformPath(path(keys), transforms)
    .map((touch) => touch.label)
    .join(" ");
}

// The examples of Snowplow's and Google's documentation.
describe("path transforms", () => {
  it.each([
    ["unique", "D A B B C D C C"],
    ["exposure", "D A B C D C"],
    ["first", "D A B C"],
    ["frequency", "D(2) A(1) B(2) C(3)"],
  ] as const)("%s turns D A B B C D C C into %s", (name, expected) => {
    expect(labels("D A B B C D C C", [{ name }])).toBe(expected);
  });

  it("remove_if_not_all drops every touch of the key unless nothing else is left", () => {
    expect(labels("A B A A", [{ name: "remove_if_not_all", key: "A" }])).toBe("B");
    expect(labels("A A", [{ name: "remove_if_not_all", key: "A" }])).toBe("A A");
  });

  it("remove_if_last_and_not_all drops the trailing run of the key unless nothing else is left", () => {
    expect(labels("A B A A", [{ name: "remove_if_last_and_not_all", key: "A" }])).toBe("A B");
    expect(labels("B A", [{ name: "remove_if_last_and_not_all", key: "B" }])).toBe("B A");
    expect(labels("A A", [{ name: "remove_if_last_and_not_all", key: "A" }])).toBe("A A");
  });

  it("applies several transforms in order, keeping each kept touch's first time and its key", () => {
    const result = transformPath(path("direct A A direct B B"), [{ name: "remove_if_not_all", key: "direct" }, { name: "frequency" }]);
    expect(result).toEqual([
      { key: "A", label: "A(2)", time: 1, direct: false },
      { key: "B", label: "B(2)", time: 4, direct: false },
    ]);
    expect(transformPath(path("A A B"), [{ name: "exposure" }]).map((touch) => touch.time)).toEqual([0, 2]);
  });

  it("parses transforms as a query string spells them", () => {
    expect(parsePathTransform("exposure")).toEqual({ name: "exposure" });
    expect(parsePathTransform("remove_if_not_all:direct")).toEqual({ name: "remove_if_not_all", key: "direct" });
    expect(parsePathTransform("remove_if_last_and_not_all:a:b")).toEqual({ name: "remove_if_last_and_not_all", key: "a:b" });
  });

  it.each([
    [
      "shuffle",
      'transform: unknown transform "shuffle"; expected one of unique, exposure, first, frequency, remove_if_not_all, remove_if_last_and_not_all',
    ],
    ["remove_if_not_all", "transform: remove_if_not_all needs a key to remove, e.g. remove_if_not_all:direct"],
    ["remove_if_not_all:", "transform: remove_if_not_all needs a key to remove, e.g. remove_if_not_all:direct"],
    ["first:direct", "transform: first takes no key"],
  ])("rejects %j", (text, message) => {
    expect(() => parsePathTransform(text)).toThrow(new InvalidOptionError("transform", message.slice("transform: ".length)));
    expect(() => parsePathTransform(text)).toThrow(message);
  });
});

import { describe, expect, it } from "vitest";
import { toFieldErrors } from "@touchpoint/protocol";
import { ruleBodySchema } from "./rule-schemas.js";

const video = {
  name: "video follow-up",
  when: { event: "video_sent" },
  wait: "P3D",
  branches: [
    { if: { event: "video_watched", where: { percent: { gte: 25 } } }, do: [{ webhook: "https://crm.example/rest-of-video" }] },
    { if: { noEvent: "video_watched" }, do: [{ webhook: "https://crm.example/reinvite" }, { track: "invite_resent" }] },
    { do: [] },
  ],
};

const issuesOf = (body: unknown) => {
  const parsed = ruleBodySchema.safeParse(body);
  return parsed.success ? [] : toFieldErrors(parsed.error.issues);
};

describe("ruleBodySchema", () => {
  it("takes the issue's video tree, a then continuation and combined conditions", () => {
    expect(ruleBodySchema.parse(video)).toEqual(video);
    const nested = {
      ...video,
      when: {
        event: "video_sent",
        audience: { all: [{ trait: "persona", in: ["cfo"] }, { any: [{ stage: "evaluation" }, { stage: "purchase" }] }] },
      },
      branches: [
        {
          do: [
            { track: "nudge", properties: { step: 1 } },
            { then: { wait: "PT3S", branches: [{ if: { noEvent: "purchase" }, do: [] }] } },
          ],
        },
      ],
    };
    expect(ruleBodySchema.parse(nested)).toEqual(nested);
  });

  it("names the field and the rule broken", () => {
    expect(issuesOf({ ...video, wait: "P1M" })).toEqual([
      { path: "wait", message: "must be an ISO 8601 duration of weeks, days, hours, minutes and seconds (PT3S, P3D), at most a year" },
    ]);
    expect(issuesOf({ ...video, branches: [{ do: [] }, ...video.branches] })).toEqual([
      { path: "branches", message: "only the last branch may omit if (the else)" },
    ]);
    expect(issuesOf({ ...video, branches: [{ do: [{ then: { wait: "PT1S", branches: [{ do: [] }] } }, { track: "x" }] }] })).toEqual([
      { path: "branches.0.do", message: "then must be the last action" },
    ]);
    expect(issuesOf({ ...video, branches: [{ do: [{ webhook: "ftp://crm.example/x" }] }] })).toEqual([
      { path: "branches.0.do.0.webhook", message: "must be an http or https URL" },
    ]);
  });
});

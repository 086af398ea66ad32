import { describe, expect, it } from "vitest";
import { BatchAnswers } from "./batch-answers.js";

describe("BatchAnswers", () => {
  it("adds up accepted events and flags every answer that is not a clean full acceptance", () => {
    const answers = new BatchAnswers(2);
    answers.record(200, '{"accepted":2,"duplicates":0,"bots":0,"rejected":[]}');
    answers.record(200, '{"accepted":1,"duplicates":1,"bots":0,"rejected":[]}');
    answers.record(200, '{"accepted":1,"duplicates":0,"bots":0,"rejected":[{"index":1,"id":"x","errors":[]}]}');
    answers.record(429, '{"error":{"code":"rate_limited","message":"slow down"}}');
    expect(answers.accepted).toBe(4);
    expect(answers.unexpected).toBe(3);
    expect(answers.firstUnexpected).toBe('200 {"accepted":1,"duplicates":1,"bots":0,"rejected":[]}');
  });
});

import { describe, expect, it } from "vitest";
import { readAttribution } from "./attribution.js";

describe("readAttribution", () => {
  it("reads utm_* parameters and every ad click id of the protocol", () => {
    const search =
      "?utm_source=google&utm_medium=cpc&utm_campaign=winter&utm_term=boots&utm_content=ad-2" +
      "&gclid=G1&gbraid=G2&wbraid=G3&dclid=D1&msclkid=M1&fbclid=F1&ttclid=T1&li_fat_id=L1&twclid=X1&other=1";
    expect(readAttribution(search)).toEqual({
      utm: { source: "google", medium: "cpc", campaign: "winter", term: "boots", content: "ad-2" },
      clickId: {
        gclid: "G1",
        gbraid: "G2",
        wbraid: "G3",
        dclid: "D1",
        msclkid: "M1",
        fbclid: "F1",
        ttclid: "T1",
        li_fat_id: "L1",
        twclid: "X1",
      },
    });
  });

  it("ignores empty values and cuts long ones to the protocol's lengths", () => {
    expect(readAttribution(`?utm_source=&utm_medium=${"m".repeat(300)}&fbclid=${"f".repeat(600)}`)).toEqual({
      utm: { medium: "m".repeat(256) },
      clickId: { fbclid: "f".repeat(512) },
    });
  });

  it("finds nothing on a URL without a campaign", () => {
    expect(readAttribution("?page=2")).toEqual({ utm: undefined, clickId: undefined });
  });
});

import { describe, expect, it, vi } from "vitest";
import { spendForm } from "./spend-form.js";

function form(answer: { status: number; body: unknown }) {
  const sent: { url: string; init: RequestInit }[] = [];
  const fetchDouble: typeof fetch = async (input, init) => {
    sent.push({ url: String(input), init: init! });
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "Content-Type": "application/json" } });
  };
  const recorded = vi.fn();
  const element = spendForm(() => ({ from: "2026-03-01", to: "2026-03-31" }), recorded, fetchDouble);
  document.body.replaceChildren(element);
  const fill = (id: string, value: string) => ((element.querySelector(`#${id}`) as HTMLInputElement).value = value);
  fill("spend-secret", " tp_sec_abc ");
  fill("spend-key", "paid_search");
  fill("spend-amount", "1250.5");
  element.querySelector("form")!.requestSubmit();
  return { element, sent, recorded };
}

describe("spendForm", () => {
  it("posts the row with the secret key as bearer, says what was recorded and reloads the priced panels", async () => {
    const { element, sent, recorded } = form({ status: 201, body: { id: "spend_1" } });
    await vi.waitFor(() => expect(recorded).toHaveBeenCalledTimes(1));
    expect(recorded).toHaveBeenCalledWith("tp_sec_abc");
    expect(
      sent.map((request) => [
        request.url,
        request.init.method,
        (request.init.headers as Record<string, string>).Authorization,
        JSON.parse(String(request.init.body)),
      ]),
    ).toEqual([
      [
        "/v1/spend",
        "POST",
        "Bearer tp_sec_abc",
        { groupBy: "channel", key: "paid_search", from: "2026-03-01", to: "2026-03-31", amount: 1250.5, currency: "EUR" },
      ],
    ]);
    expect(element.querySelector(".status")?.textContent).toBe("Recorded €1,250.50 on channel paid_search, 2026-03-01 – 2026-03-31.");
  });

  it("says when the key is refused and reloads nothing", async () => {
    const { element, recorded } = form({ status: 403, body: { error: { code: "forbidden", message: "a secret key is required" } } });
    await vi.waitFor(() =>
      expect(element.querySelector(".status")?.textContent).toBe("The secret key was refused (a secret key is required)."),
    );
    expect(recorded).not.toHaveBeenCalled();
  });
});

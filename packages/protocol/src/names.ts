/** The touchpoints the SDK makes one-liners for; any other snake_case name is a custom touchpoint. */
export const TOUCHPOINT_NAMES = {
  bannerClick: "banner_click",
  catalogView: "catalog_view",
  reviewRead: "review_read",
  chatbotQuestion: "chatbot_question",
  purchase: "purchase",
} as const;

/** The name a page event gets when it carries none. */
export const DEFAULT_PAGE_NAME = "page_view";

export const EVENT_TYPES = ["page", "touchpoint", "identify"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** snake_case: a lower-case letter, then lower-case letters, digits and single underscores. */
export const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/** Click ids that mark paid traffic; the SDK reads them from the landing URL. */
export const CLICK_ID_PARAMS = ["gclid", "gbraid", "wbraid", "dclid", "msclkid", "fbclid", "ttclid", "li_fat_id", "twclid"] as const;
export type ClickIdParam = (typeof CLICK_ID_PARAMS)[number];

export const UTM_FIELDS = ["source", "medium", "campaign", "term", "content"] as const;

/** Names such as "Order Completed", "order-completed" or "orderCompleted": words of ASCII letters and digits. */
const WORDS = /^[A-Za-z][A-Za-z0-9]*(?:[ _.:/-]+[A-Za-z0-9]+)*$/;

/**
 * The snake_case form of an event name: Segment's "Order Completed", "order-completed" and
 * "orderCompleted" all become order_completed. undefined when the name has no such form (it is
 * empty, starts with a digit, or holds other characters).
 */
export const snakeCaseName = (name: unknown): string | undefined =>
  typeof name !== "string" || !WORDS.test(name)
    ? undefined
    : SNAKE_CASE.test(name)
      ? name
      : name
          .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
          .replace(/[ _.:/-]+/g, "_")
          .toLowerCase();

export const EVENT_NAME_RULE = 'must be snake_case or words of letters and digits such as "Order Completed", starting with a letter';

/**
 * Segment's semantic events (e-commerce and B2B SaaS specs) as the touchpoints of Touchpoint's
 * default stage model, keyed by the snake_case form of Segment's name. "Order Completed" becomes
 * `purchase`, the conversion attribution and customer value count, with its revenue as value.
 * Names not listed keep their own snake_case form ("Coupon Applied" -> coupon_applied).
 */
export const SEGMENT_SPEC_NAMES: Readonly<Record<string, string>> = Object.freeze({
  product_list_viewed: "catalog_view",
  product_list_filtered: "catalog_view",
  product_viewed: "product_view",
  product_added: "add_to_cart",
  checkout_started: "begin_checkout",
  order_completed: "purchase",
  product_reviewed: "review_submitted",
  promotion_clicked: "banner_click",
  signed_up: "sign_up",
  demo_requested: "demo_request",
});

/**
 * The value of a completed order for attribution (properties.value): Segment's `revenue`, else
 * its `total`. undefined when neither is a finite number.
 */
export function orderValue(properties: Record<string, unknown>): number | undefined {
  for (const key of ["revenue", "total"] as const) {
    const amount = properties[key];
    if (typeof amount === "number" && Number.isFinite(amount)) return amount;
  }
  return undefined;
}

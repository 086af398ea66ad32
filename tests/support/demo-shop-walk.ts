import type { Page } from "playwright-core";
import { saveScreenshot } from "./demo-artifacts.js";
import { trackerReady } from "./sdk-stage.js";
import { waitForVisitorEvents } from "./demo-visitor-events.js";

export interface Shopper {
  email: string;
  name: string;
  /** A value of the login form's persona select. */
  persona: string;
  /** The product bought, by its id in the shop's catalog. */
  productId: string;
  /** The review read on the product page. */
  reviewId: string;
  /** Which of the chatbot's four suggested questions is asked (0..3). */
  chatbotSuggestion: number;
  rating: 1 | 2 | 3 | 4 | 5;
}

/** Cards tracked with data-tp-view on each page: the home page's favourites and the whole catalog. */
export const FEATURED_CARDS = 3;
export const CATALOG_CARDS = 6;

/**
 * Walks the demo shop as one customer: lands from an ad (`landingQuery`), clicks the banner,
 * looks at the catalog, opens a product, reads a review, asks the chatbot, adds the product to
 * the cart, logs in, checks out, buys and answers the survey. Cards count as seen after a
 * second in view, so the walk waits for those views to be stored before it leaves a page: what
 * is stored does not depend on how fast the machine clicks. Saves screenshots of three pages
 * and returns the browser's anonymous id.
 */
export async function walkShop(
  page: Page,
  options: { shopUrl: string; db: string; shopper: Shopper; landingQuery: string },
): Promise<string> {
  const { shopUrl, db, shopper } = options;
  const ready = async () => {
    await page.waitForLoadState("load");
    await trackerReady(page);
  };
  await page.goto(`${shopUrl}/?${options.landingQuery}`);
  await ready();
  const anonymousId = await page.evaluate(() => localStorage.getItem("tp_a"));
  if (!anonymousId) throw new Error("the SDK stored no anonymous id");
  // page_view and the favourites' catalog_views.
  await waitForVisitorEvents(db, anonymousId, 1 + FEATURED_CARDS);
  await saveScreenshot(page, "demo-shop-home");

  await page.getByTestId("promo-banner").click();
  await page.waitForURL(/\/catalog\.html/);
  await ready();
  // + banner_click, page_view and the catalog's catalog_views.
  await waitForVisitorEvents(db, anonymousId, 1 + FEATURED_CARDS + 2 + CATALOG_CARDS);

  await page.getByTestId(`product-link-${shopper.productId}`).click();
  await page.waitForURL(/\/product\.html/);
  await ready();
  await page.getByTestId(`review-toggle-${shopper.reviewId}`).click();
  await page.getByTestId("chatbot-open").click();
  await page.getByTestId(`chatbot-suggestion-${shopper.chatbotSuggestion}`).click();
  await page.getByTestId("chatbot-answer").waitFor();
  await page.getByTestId("add-to-cart").click();
  await page.getByTestId("cart-status").filter({ hasText: "is in your cart" }).waitFor();
  await saveScreenshot(page, "demo-shop-product");

  await page.getByTestId("nav-login").click();
  await page.waitForURL(/\/login\.html/);
  await ready();
  await page.getByTestId("login-email").fill(shopper.email);
  await page.getByTestId("login-name").fill(shopper.name);
  await page.getByTestId("login-persona").selectOption(shopper.persona);
  await page.getByTestId("login-submit").click();
  // With something in the cart, logging in leads back to the cart.
  await page.waitForURL(/\/cart\.html/);
  await ready();

  await page.getByTestId("checkout-button").click();
  await page.waitForURL(/\/checkout\.html/);
  await ready();
  await page.getByTestId("checkout-address").fill("1 Summit Road, 6020 Innsbruck");
  await page.getByTestId("checkout-card").fill("4242 4242 4242 4242");
  await page.getByTestId("place-order").click();
  await page.waitForURL(/\/thanks\.html/);
  await ready();

  await page.getByTestId(`survey-rating-${shopper.rating}`).click();
  await saveScreenshot(page, "demo-shop-survey");
  await page.getByTestId("survey-submit").click();
  await page.getByTestId("survey-thanks").waitFor();
  return anonymousId;
}

import { addToCart } from "./cart-store.js";
import { element } from "./dom.js";
import { CURRENCY, findProduct, formatPrice } from "./products.js";

const EXCERPT_LENGTH = 70;

function stars(rating) {
  return element(
    "span",
    { class: "stars", role: "img", "aria-label": `${rating} out of 5 stars` },
    "★".repeat(rating) + "☆".repeat(5 - rating),
  );
}

/** A review shows an excerpt; expanding it is the moment the shopper reads it (review_read). */
function reviewArticle(product, review) {
  const article = element("article", { class: "review", "data-testid": `review-${review.id}` });
  const heading = element("h3", {}, review.title);
  const byline = element("p", { class: "byline" });
  byline.append(stars(review.rating), ` by ${review.author}`);
  const excerpt = element("p", { class: "excerpt" }, `${review.text.slice(0, review.text.lastIndexOf(" ", EXCERPT_LENGTH))}…`);
  const full = element("p", { class: "full-text", id: `review-text-${review.id}` }, review.text);
  full.hidden = true;
  const toggle = element(
    "button",
    {
      type: "button",
      class: "link-button",
      "aria-expanded": "false",
      "aria-controls": full.id,
      "data-testid": `review-toggle-${review.id}`,
    },
    "Read full review",
  );
  let read = false;
  toggle.addEventListener("click", () => {
    const expand = full.hidden;
    full.hidden = !expand;
    excerpt.hidden = expand;
    toggle.setAttribute("aria-expanded", String(expand));
    toggle.textContent = expand ? "Show less" : "Read full review";
    if (expand && !read) {
      read = true;
      // The review's stars, not "rating": properties.rating is what the shopper felt (the survey), the emotional curve.
      touchpoint.reviewRead({ productId: product.id, reviewId: review.id, stars: review.rating });
    }
  });
  article.append(heading, byline, excerpt, full, toggle);
  return article;
}

function renderProduct(root, product) {
  document.title = `${product.name} · Trailhead Outfitters`;
  const tile = element("div", { class: `tile tile-${product.id}`, "aria-hidden": "true" }, product.name.charAt(0));
  const info = element("div", { class: "product-info" });
  const status = element("p", { class: "status", role: "status", "data-testid": "cart-status" });
  const add = element("button", { type: "button", class: "primary", "data-testid": "add-to-cart" }, "Add to cart");
  add.addEventListener("click", () => {
    addToCart(product.id);
    status.textContent = `${product.name} is in your cart.`;
    touchpoint.track("add_to_cart", { productId: product.id, price: product.price, currency: CURRENCY, quantity: 1 });
  });
  info.append(
    element("h1", {}, product.name),
    element("p", { class: "price" }, formatPrice(product.price)),
    element("p", { class: "tagline" }, product.tagline),
    element("p", {}, product.description),
    add,
    status,
  );
  const summary = element("div", { class: "product-summary" });
  summary.append(tile, info);

  const reviews = element("section", { class: "reviews", "aria-labelledby": "reviews-heading" });
  const average = product.reviews.reduce((sum, review) => sum + review.rating, 0) / product.reviews.length;
  reviews.append(element("h2", { id: "reviews-heading" }, `Reviews (${product.reviews.length}) · ${average.toFixed(1)} of 5`));
  for (const review of product.reviews) reviews.append(reviewArticle(product, review));
  root.append(summary, reviews);
}

const root = document.getElementById("product");
const product = findProduct(new URLSearchParams(location.search).get("id"));
if (product) {
  renderProduct(root, product);
} else {
  const back = element("a", { href: "/catalog.html" }, "Back to the catalog");
  root.append(element("h1", {}, "Product not found"), back);
}

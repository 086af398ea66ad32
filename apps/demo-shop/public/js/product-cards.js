import { element } from "./dom.js";
import { PRODUCTS, findProduct, formatPrice } from "./products.js";

/**
 * Fills every `<ul data-product-list="NAME">` with product cards (all products, or the ids in its
 * `data-products`). Each card is tracked declaratively, with no code: `data-tp-view` makes the SDK
 * send catalog_view once the card has been at least half visible for a second.
 */
function productCard(product, list) {
  const card = element("li", {
    class: "card",
    "data-testid": `product-card-${product.id}`,
    "data-tp-view": "catalog_view",
    "data-tp-prop-product": product.id,
    "data-tp-prop-list": list,
  });
  const link = element("a", { href: `/product.html?id=${encodeURIComponent(product.id)}`, "data-testid": `product-link-${product.id}` });
  link.append(
    element("span", { class: `tile tile-${product.id}`, "aria-hidden": "true" }, product.name.charAt(0)),
    element("span", { class: "card-name" }, product.name),
  );
  card.append(
    link,
    element("p", { class: "card-tagline" }, product.tagline),
    element("p", { class: "card-price" }, formatPrice(product.price)),
  );
  return card;
}

for (const list of document.querySelectorAll("[data-product-list]")) {
  const ids = list.getAttribute("data-products")?.split(",");
  const products = ids ? ids.map(findProduct).filter(Boolean) : PRODUCTS;
  list.replaceChildren(...products.map((product) => productCard(product, list.getAttribute("data-product-list"))));
}

import { cartLines, cartTotal, setQuantity } from "./cart-store.js";
import { element } from "./dom.js";
import { CURRENCY, formatPrice } from "./products.js";

const body = document.getElementById("cart-lines");
const total = document.getElementById("cart-total");
const checkout = document.getElementById("checkout-button");
const empty = document.getElementById("cart-empty");
const table = document.getElementById("cart-table");

function quantityButton(line, change, label) {
  const button = element(
    "button",
    { type: "button", class: "quantity-button", "aria-label": `${label} ${line.product.name}` },
    change > 0 ? "+" : "−",
  );
  button.addEventListener("click", () => setQuantity(line.product.id, line.quantity + change));
  return button;
}

function render() {
  const lines = cartLines();
  body.replaceChildren(
    ...lines.map((line) => {
      const row = element("tr", { "data-testid": `cart-line-${line.product.id}` });
      const name = element("td");
      name.append(element("a", { href: `/product.html?id=${encodeURIComponent(line.product.id)}` }, line.product.name));
      const quantity = element("td", { class: "quantity" });
      quantity.append(
        quantityButton(line, -1, "One less"),
        element("span", {}, String(line.quantity)),
        quantityButton(line, 1, "One more"),
      );
      row.append(name, quantity, element("td", { class: "number" }, formatPrice(line.total)));
      return row;
    }),
  );
  total.textContent = formatPrice(cartTotal());
  table.hidden = lines.length === 0;
  empty.hidden = lines.length > 0;
  checkout.disabled = lines.length === 0;
}

checkout.addEventListener("click", () => {
  const items = cartLines().reduce((sum, line) => sum + line.quantity, 0);
  touchpoint.track("begin_checkout", { value: cartTotal(), currency: CURRENCY, items });
  location.href = "/checkout.html";
});
document.addEventListener("cart-change", render);
render();

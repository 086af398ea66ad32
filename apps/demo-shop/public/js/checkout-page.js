import { readAccount } from "./account.js";
import { cartLines, cartTotal, clearCart } from "./cart-store.js";
import { element } from "./dom.js";
import { CURRENCY, formatPrice } from "./products.js";

const form = document.getElementById("checkout-form");
const summary = document.getElementById("order-summary");
const lines = cartLines();

if (lines.length === 0) {
  form.hidden = true;
  const back = element("a", { href: "/catalog.html" }, "Browse the catalog");
  summary.replaceChildren(element("p", {}, "Your cart is empty. "), back);
} else {
  summary.replaceChildren(
    ...lines.map((line) => element("p", {}, `${line.quantity} × ${line.product.name}: ${formatPrice(line.total)}`)),
    element("p", { class: "total", "data-testid": "checkout-total" }, `Total ${formatPrice(cartTotal())}`),
  );
  const account = readAccount();
  if (account) {
    form.elements.email.value = account.email;
    form.elements.fullName.value = account.name;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const orderId = `ord_${crypto.randomUUID().slice(0, 8)}`;
  const value = cartTotal();
  touchpoint.purchase({ orderId, value, currency: CURRENCY });
  clearCart();
  location.href = `/thanks.html?order=${encodeURIComponent(orderId)}`;
});

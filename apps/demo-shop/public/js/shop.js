import { clearAccount, readAccount } from "./account.js";
import { cartCount } from "./cart-store.js";
import { mountChatbot } from "./chatbot.js";
import { findProduct, formatPrice } from "./products.js";
import { withTracker } from "./tracker.js";

/** Shared by every page: cart count and account in the header, prices, the chat assistant. */
function showCartCount() {
  const count = document.getElementById("cart-count");
  if (count) count.textContent = String(cartCount());
}

function showAccount() {
  const account = readAccount();
  const login = document.getElementById("login-link");
  const logout = document.getElementById("logout-button");
  const name = document.getElementById("account-name");
  if (!login || !logout || !name) return;
  login.hidden = account !== null;
  logout.hidden = account === null;
  name.textContent = account ? `Hi, ${account.name || account.email}` : "";
}

function fillPrices() {
  for (const node of document.querySelectorAll("[data-price-for]")) {
    const product = findProduct(node.getAttribute("data-price-for"));
    if (product) node.textContent = formatPrice(product.price);
  }
}

document.getElementById("logout-button")?.addEventListener("click", () => {
  clearAccount();
  // reset() gives this browser a new anonymous id, so the next shopper is not merged with this one.
  withTracker((touchpoint) => touchpoint.reset());
  showAccount();
});
document.addEventListener("cart-change", showCartCount);
showCartCount();
showAccount();
fillPrices();
mountChatbot();

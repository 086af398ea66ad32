import { clearAccount, readAccount } from "./account.js";
import { cartCount } from "./cart-store.js";
import { mountChatbot } from "./chatbot.js";
import { element } from "./dom.js";

/** Shared by every page: header with cart count and account, footer, the chat assistant. */
function mountHeaderAndFooter() {
  const brand = element("a", { class: "brand", href: "/" }, "Trailhead ");
  brand.append(element("span", {}, "Outfitters"));
  const cart = element("a", { href: "/cart.html", "data-testid": "nav-cart" }, "Cart (");
  cart.append(element("span", { id: "cart-count" }, "0"), ")");
  const logout = element(
    "button",
    { type: "button", id: "logout-button", class: "link-button", "data-testid": "logout-button" },
    "Log out",
  );
  logout.hidden = true;
  const nav = element("nav", { "aria-label": "Main" });
  nav.append(
    element("a", { href: "/catalog.html", "data-testid": "nav-catalog" }, "Catalog"),
    cart,
    element("span", { id: "account-name", class: "account-name", "data-testid": "account-name" }),
    element("a", { href: "/login.html", id: "login-link", "data-testid": "nav-login" }, "Log in"),
    logout,
  );
  const header = element("header", { class: "site-header" });
  header.append(brand, nav);
  document.body.prepend(element("a", { class: "skip-link", href: "#main" }, "Skip to content"), header);
  const footer = element("footer", { class: "site-footer" });
  footer.append(element("p", {}, "Trailhead Outfitters is a demo store for Touchpoint. Nothing here is for sale."));
  document.body.append(footer);
}

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

mountHeaderAndFooter();
document.getElementById("logout-button").addEventListener("click", () => {
  clearAccount();
  // reset() gives this browser a new anonymous id, so the next shopper is not merged with this one.
  touchpoint.reset();
  showAccount();
});
document.addEventListener("cart-change", showCartCount);
showCartCount();
showAccount();
mountChatbot();

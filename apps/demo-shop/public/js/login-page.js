import { saveAccount } from "./account.js";
import { cartCount } from "./cart-store.js";

const form = document.getElementById("login-form");
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const email = form.elements.email.value.trim().toLowerCase();
  const name = form.elements.fullName.value.trim();
  const persona = form.elements.persona.value;
  saveAccount({ email, name, persona });
  // The e-mail address is the customer id: every earlier anonymous touchpoint joins this customer.
  touchpoint.identify(email, { persona, name });
  location.href = cartCount() > 0 ? "/cart.html" : "/catalog.html";
});

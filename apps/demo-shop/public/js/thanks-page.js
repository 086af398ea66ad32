/** After the purchase: a one-question satisfaction survey, the customer's rating of the journey. */
const orderId = new URLSearchParams(location.search).get("order") ?? "";
document.getElementById("order-id").textContent = orderId || "(unknown)";

const form = document.getElementById("survey-form");
const thanks = document.getElementById("survey-thanks");
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const choice = form.elements.rating.value;
  if (!choice) return;
  const rating = Number(choice);
  touchpoint.track("survey_response", { rating, orderId });
  form.hidden = true;
  thanks.hidden = false;
  thanks.focus();
});

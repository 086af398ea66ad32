import { element } from "./dom.js";

/** Canned answers: each suggestion button asks its question; typed questions match by keyword. */
const ANSWERS = [
  {
    question: "Do you ship abroad?",
    keywords: ["ship", "deliver", "abroad"],
    answer: "Yes: we ship to every EU country in 2 to 4 working days, free above €75.",
  },
  {
    question: "What is your return policy?",
    keywords: ["return", "refund"],
    answer: "Return anything unused within 30 days for a full refund; the return label is free.",
  },
  {
    question: "Which shoe size should I choose?",
    keywords: ["size", "fit"],
    answer: "Our shoes run true to size. Between two sizes? Take the larger one.",
  },
  {
    question: "Is the rain jacket waterproof?",
    keywords: ["waterproof", "rain", "jacket"],
    answer: "Yes: the Storm Rain Jacket is rated 20,000 mm with fully taped seams.",
  },
];
const FALLBACK = "I can help with shipping, returns, sizes and waterproofing. For anything else, write to help@trailhead.example.";
const MAX_QUESTION_LENGTH = 200;

function answerFor(question) {
  const lower = question.toLowerCase();
  return ANSWERS.find((entry) => entry.question === question || entry.keywords.some((word) => lower.includes(word)))?.answer ?? FALLBACK;
}

/** Adds the chat assistant to the page: a toggle button and a panel with a message log. */
export function mountChatbot() {
  const widget = element("section", { class: "chatbot", "aria-label": "Chat assistant" });
  const toggle = element(
    "button",
    {
      type: "button",
      class: "chatbot-toggle",
      id: "chatbot-toggle",
      "data-testid": "chatbot-open",
      "aria-expanded": "false",
      "aria-controls": "chatbot-panel",
    },
    "Questions? Chat with us",
  );
  const panel = element("div", { class: "chatbot-panel", id: "chatbot-panel" });
  panel.hidden = true;
  const log = element("ol", { class: "chatbot-log", "aria-live": "polite", "data-testid": "chatbot-log" });
  log.append(element("li", { class: "bot" }, "Hi! Ask me anything about our gear, or pick a question."));
  const suggestions = element("div", { class: "chatbot-suggestions" });
  ANSWERS.forEach((entry, index) => {
    const button = element("button", { type: "button", "data-testid": `chatbot-suggestion-${index}` }, entry.question);
    button.addEventListener("click", () => ask(entry.question));
    suggestions.append(button);
  });
  const form = element("form", { class: "chatbot-form" });
  const label = element("label", { for: "chatbot-input", class: "visually-hidden" }, "Your question");
  const input = element("input", {
    id: "chatbot-input",
    name: "question",
    autocomplete: "off",
    maxlength: String(MAX_QUESTION_LENGTH),
    placeholder: "Type a question",
    "data-testid": "chatbot-input",
  });
  const send = element("button", { type: "submit", "data-testid": "chatbot-send" }, "Ask");
  form.append(label, input, send);
  panel.append(log, suggestions, form);
  widget.append(toggle, panel);
  document.body.append(widget);

  function ask(question) {
    log.append(element("li", { class: "visitor" }, question));
    log.append(element("li", { class: "bot", "data-testid": "chatbot-answer" }, answerFor(question)));
    log.scrollTop = log.scrollHeight;
    touchpoint.chatbotQuestion({ question });
  }

  toggle.addEventListener("click", () => {
    panel.hidden = !panel.hidden;
    toggle.setAttribute("aria-expanded", String(!panel.hidden));
    if (!panel.hidden) input.focus();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = input.value.trim().slice(0, MAX_QUESTION_LENGTH);
    if (!question) return;
    input.value = "";
    ask(question);
  });
}

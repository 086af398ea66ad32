import { h } from "../dom.js";

export interface Option {
  value: string;
  label: string;
}

/** A labelled field: the label's `for` names the control, so every control has an accessible name. */
function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLDivElement {
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    control,
    hintId ? h("span", { class: "hint", id: hintId }, hint) : null,
  );
}

export function selectField(
  id: string,
  label: string,
  options: readonly Option[],
  value: string,
): { field: HTMLDivElement; select: HTMLSelectElement } {
  const select = h("select", { id, name: id });
  setOptions(select, options, value);
  return { field: field(id, label, select), select };
}

/** Replaces a select's options, keeping the chosen value when it is still offered. */
export function setOptions(select: HTMLSelectElement, options: readonly Option[], preferred = select.value): void {
  select.replaceChildren(...options.map((option) => h("option", { value: option.value }, option.label)));
  select.value = options.some((option) => option.value === preferred) ? preferred : (options[0]?.value ?? "");
}

export function numberField(
  id: string,
  label: string,
  value: number,
  min: number,
  max: number,
  hint?: string,
): { field: HTMLDivElement; input: HTMLInputElement } {
  const input = h("input", { id, name: id, type: "number", inputmode: "numeric", min, max, step: 1, value, required: true });
  return { field: field(id, label, input, hint), input };
}

export function textField(
  id: string,
  label: string,
  placeholder: string,
  hint?: string,
): { field: HTMLDivElement; input: HTMLInputElement } {
  const input = h("input", { id, name: id, type: "text", placeholder, autocomplete: "off", spellcheck: "false" });
  return { field: field(id, label, input, hint), input };
}

export function dateField(id: string, label: string): { field: HTMLDivElement; input: HTMLInputElement } {
  const input = h("input", { id, name: id, type: "date" });
  return { field: field(id, label, input), input };
}

/** The number in an input, or the fallback when it is empty or not a whole number in range. */
export function wholeNumber(input: HTMLInputElement, fallback: number): number {
  const value = Number(input.value);
  return input.value.trim() !== "" && Number.isInteger(value) && input.checkValidity() ? value : fallback;
}

export function stageOptions(stages: readonly string[]): Option[] {
  return stages.map((stage) => ({ value: stage, label: stage }));
}

/**
 * The only way this dashboard builds DOM: elements from tag names, text through text nodes. No
 * HTML string is ever parsed, so event text (attacker-controlled) can only ever be text.
 */
export type AttributeValue = string | number | boolean | null | undefined;
export type Attributes = Record<string, AttributeValue>;
export type Child = Node | string | number | null | undefined | false;

const SVG_NS = "http://www.w3.org/2000/svg";

function applyAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    // Event handler and style attributes would be code or CSS from a string: refused by design (and by the CSP).
    if (/^on/i.test(name) || name.toLowerCase() === "style") throw new Error(`attribute "${name}" is not allowed`);
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
}

function appendChildren(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  applyAttributes(element, attributes);
  appendChildren(element, children);
  return element;
}

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  applyAttributes(element, attributes);
  appendChildren(element, children);
  return element;
}

/** Text that may be too long for a chart label: cut, with the whole of it in a tooltip. */
export function svgLabel(text: string, maxLength: number, attributes: Attributes): SVGTextElement {
  const shown = text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
  return svg("text", attributes, svg("title", {}, text), shown);
}

import { describe, expect, it } from "vitest";
import { h, svg, svgLabel } from "./dom.js";

describe("h and svg", () => {
  it("adds strings as text nodes, never as markup", () => {
    const cell = h("td", { class: "x", hidden: false, "data-n": 3 }, "<b>bold</b>", 42, null);
    expect(cell.outerHTML).toBe('<td class="x" data-n="3">&lt;b&gt;bold&lt;/b&gt;42</td>');
    expect(cell.querySelector("b")).toBeNull();
  });

  it("refuses event handler and style attributes", () => {
    expect(() => h("button", { onclick: "alert(1)" })).toThrow('attribute "onclick" is not allowed');
    expect(() => svg("rect", { style: "fill:red" })).toThrow('attribute "style" is not allowed');
  });

  it("creates SVG elements in the SVG namespace", () => {
    expect(svg("circle", { r: 4 }).namespaceURI).toBe("http://www.w3.org/2000/svg");
  });

  it("cuts long chart labels and keeps the whole text in a tooltip", () => {
    const label = svgLabel("abcdefghij", 5, { x: 1 });
    expect(label.querySelector("title")?.textContent).toBe("abcdefghij");
    expect(label.lastChild?.textContent).toBe("abcd…");
    expect(svgLabel("abc", 5, {}).lastChild?.textContent).toBe("abc");
  });
});

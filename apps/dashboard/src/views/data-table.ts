import { h, type Child } from "../dom.js";

export interface Column {
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
}

/**
 * A plain table with a caption and column headers, the accessible twin of every chart; it
 * scrolls sideways on its own rather than widening the page.
 */
export function dataTable(caption: string, columns: Column[], rows: Child[][]): HTMLElement {
  const table = h(
    "table",
    { class: "data-table" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, ...columns.map((column) => h("th", { scope: "col", class: column.numeric ? "numeric" : null }, column.label)))),
    h(
      "tbody",
      {},
      ...rows.map((cells) => h("tr", {}, ...cells.map((cell, index) => h(index === 0 ? "th" : "td", { scope: index === 0 ? "row" : null, class: columns[index]?.numeric ? "numeric" : null }, cell)))),
    ),
  );
  return h("div", { class: "table-scroll" }, table);
}

/** The message shown where a result has nothing to show. */
export function emptyState(message: string): HTMLParagraphElement {
  return h("p", { class: "empty" }, message);
}

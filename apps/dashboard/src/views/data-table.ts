import { h, type Child } from "../dom.js";
import { csvOf } from "./csv.js";

export interface Column {
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** What the column counts, shown on hover and read by screen readers. */
  definition?: string;
  /** A column of controls (buttons), left out of the CSV export. */
  controls?: boolean;
}

/** The text a cell exports as CSV: its own text, or a readable summary of a node. */
function cellText(cell: Child): string {
  if (cell === null || cell === undefined || cell === false) return "";
  if (typeof cell === "string" || typeof cell === "number") return String(cell);
  return cell.textContent ?? "";
}

/** A button that saves the table as a CSV file (built in the page, nothing sent anywhere). */
export function csvButton(caption: string, columns: Column[], rows: Child[][]): HTMLButtonElement {
  const button = h("button", { type: "button", class: "ghost-small csv", "aria-label": `Export CSV: ${caption}` }, "Export CSV");
  button.addEventListener("click", () => {
    const exported = <T>(cells: readonly T[]) => cells.filter((_, index) => !columns[index]?.controls);
    const csv = csvOf([exported(columns.map((column) => column.label)), ...rows.map((cells) => exported(cells).map(cellText))]);
    const link = h("a", {
      href: URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" })),
      download: `${
        caption
          .replace(/[^\w-]+/g, "-")
          .replace(/^-|-$/g, "")
          .toLowerCase() || "table"
      }.csv`,
    });
    link.click();
    // Revoked once the browser has surely started the download.
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  });
  return button;
}

/**
 * A plain table with a caption and column headers, the accessible twin of every chart, with a
 * CSV export of what it shows; it scrolls sideways on its own rather than widening the page.
 */
export function dataTable(caption: string, columns: Column[], rows: Child[][], exportRows: Child[][] = rows): HTMLElement {
  const table = h(
    "table",
    { class: "data-table" },
    h("caption", {}, caption),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ...columns.map((column) =>
          h(
            "th",
            {
              scope: "col",
              class: [column.numeric ? "numeric" : "", column.definition ? "defined" : ""].join(" ").trim() || null,
              title: column.definition ?? null,
            },
            column.label,
            column.definition ? h("span", { class: "visually-hidden" }, ` (${column.definition})`) : null,
          ),
        ),
      ),
    ),
    h(
      "tbody",
      {},
      ...rows.map((cells) =>
        h(
          "tr",
          {},
          ...cells.map((cell, index) =>
            h(index === 0 ? "th" : "td", { scope: index === 0 ? "row" : null, class: columns[index]?.numeric ? "numeric" : null }, cell),
          ),
        ),
      ),
    ),
  );
  return h(
    "div",
    { class: "table-block" },
    h("div", { class: "table-tools" }, csvButton(caption, columns, exportRows)),
    h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": caption }, table),
  );
}

/** The message shown where a result has nothing to show. */
export function emptyState(message: string): HTMLParagraphElement {
  return h("p", { class: "empty" }, message);
}

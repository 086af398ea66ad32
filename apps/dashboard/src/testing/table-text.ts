function findTable(root: ParentNode, caption?: string): HTMLTableElement {
  const tables = [...root.querySelectorAll("table")];
  const table = caption ? tables.find((candidate) => candidate.querySelector("caption")?.textContent === caption) : tables[0];
  if (!table) throw new Error(`no table${caption ? ` captioned "${caption}"` : ""}`);
  return table;
}

function cellTexts(row: Element): string[] {
  return [...row.children].map((cell) => cell.textContent ?? "");
}

/** The text of every body row of a table in `root` (the first, or the one with this caption), cell by cell. */
export function tableRows(root: ParentNode, caption?: string): string[][] {
  return [...findTable(root, caption).querySelectorAll("tbody > tr")].map(cellTexts);
}

export function tableHeaders(root: ParentNode, caption?: string): string[] {
  const row = findTable(root, caption).querySelector("thead > tr");
  return row ? cellTexts(row) : [];
}

/** Texts of the SVG <text> elements with the given class, without their tooltips. */
export function svgTexts(root: ParentNode, className: string): string[] {
  return [...root.querySelectorAll(`text.${className}`)].map((text) =>
    [...text.childNodes]
      .filter((node) => node.nodeType === 3)
      .map((node) => node.textContent)
      .join(""),
  );
}

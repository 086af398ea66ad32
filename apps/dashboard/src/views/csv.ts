/**
 * RFC 4180 text: fields with a comma, quote or line break are quoted. A field that a spreadsheet
 * would run as a formula (=, +, -, @ first, from event text) gets a leading apostrophe, unless
 * it is a plain number such as -3.5.
 */
function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvOf(rows: readonly (readonly string[])[]): string {
  return `${rows.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}

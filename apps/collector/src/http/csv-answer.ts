/** `format=csv` or `Accept: text/csv` on a JSON report: its table as CSV instead (report-csv.ts). */
import type { Context } from "hono";
import { z } from "@hono/zod-openapi";
import { enumParam } from "./query-params.js";

export const csvFormatParam = () =>
  enumParam(["json", "csv"], "json (default) or csv; without it, `Accept: text/csv` picks csv").optional();

/** The report's 200 as JSON (its schema) or CSV, for the OpenAPI document. */
export function jsonOrCsv<S>(schema: S, description: string, csvColumns: string) {
  return {
    description,
    content: {
      "application/json": { schema },
      "text/csv": { schema: z.string().openapi({ description: `RFC 4180 with a header line: ${csvColumns}` }) },
    },
  };
}

export function wantsCsv(c: Context, format: "json" | "csv" | undefined): boolean {
  return format === undefined ? (c.req.header("accept")?.includes("text/csv") ?? false) : format === "csv";
}

export function csvAnswer(c: Context, text: string, filename: string) {
  return c.body(text, 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` });
}

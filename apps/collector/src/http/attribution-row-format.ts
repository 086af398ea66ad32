/** An attribution row (engine) as the export writes it: snake_case columns, ISO times, one credit and one value column per model. */
import { isoTime, type AttributionRow, type RowModel } from "@touchpoint/journeys";
import type { CsvValue } from "./csv.js";

const FIXED_COLUMNS = ["conversion_id", "customer_id", "conversion", "conversion_time", "conversion_value", "first_conversion", "path", "path_length", "touch_index", "touch_time", "key"];

export function attributionRowColumns(models: readonly RowModel[]): string[] {
  return [...FIXED_COLUMNS, ...models.flatMap((model) => [`${model}_credit`, `${model}_value`])];
}

/** The row's values in column order; `path` is an array here (CSV joins it with " > "). */
export function attributionRowValues(row: AttributionRow, conversion: string): (CsvValue | string[])[] {
  return [
    row.conversionId,
    row.customerId,
    conversion,
    isoTime(row.conversionTime),
    row.conversionValue,
    row.firstConversion,
    row.path,
    row.path.length,
    row.touchIndex,
    row.touchTime === null ? null : isoTime(row.touchTime),
    row.key,
    ...row.credits.flatMap((credit) => [credit, credit * row.conversionValue]),
  ];
}

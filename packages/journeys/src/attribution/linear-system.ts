/**
 * Solves A X = B exactly (up to floating point) by Gaussian elimination with partial pivoting:
 * A is n x n, B is n x m (m right-hand sides at once, e.g. the identity for an inverse).
 * Returns X as n rows of m numbers. A singular A is an error.
 */
export function solveLinearSystem(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] {
  const n = a.length;
  const m = b[0]?.length ?? 0;
  // One working row per equation: A's n coefficients followed by B's m right-hand sides.
  const rows = a.map((row, i) => Float64Array.from([...row, ...(b[i] ?? [])]));
  const width = n + m;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(row(rows, r)[col] as number) > Math.abs(row(rows, pivot)[col] as number)) pivot = r;
    }
    const pivotRow = row(rows, pivot);
    const pivotValue = pivotRow[col] as number;
    if (pivotValue === 0) throw new Error(`singular linear system: no pivot in column ${col}`);
    rows[pivot] = row(rows, col);
    rows[col] = pivotRow;
    for (let r = col + 1; r < n; r++) {
      const target = row(rows, r);
      const factor = (target[col] as number) / pivotValue;
      if (factor === 0) continue;
      for (let c = col; c < width; c++) target[c] = (target[c] as number) - factor * (pivotRow[c] as number);
    }
  }
  const x = new Array<Float64Array>(n);
  for (let r = n - 1; r >= 0; r--) {
    const current = row(rows, r);
    const xr = current.slice(n);
    for (let c = r + 1; c < n; c++) {
      const coefficient = current[c] as number;
      if (coefficient === 0) continue;
      const xc = x[c] as Float64Array;
      for (let k = 0; k < m; k++) xr[k] = (xr[k] as number) - coefficient * (xc[k] as number);
    }
    const diagonal = current[r] as number;
    for (let k = 0; k < m; k++) xr[k] = (xr[k] as number) / diagonal;
    x[r] = xr;
  }
  return x.map((xr) => Array.from(xr));
}

function row(rows: Float64Array<ArrayBuffer>[], index: number): Float64Array<ArrayBuffer> {
  return rows[index] as Float64Array<ArrayBuffer>;
}

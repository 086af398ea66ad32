import { describe, expect, it } from "vitest";
import { solveLinearSystem } from "./linear-system.js";

describe("solveLinearSystem", () => {
  it("solves a system that needs a row swap (zero first pivot), with two right-hand sides", () => {
    // 0x + 2y + z = 7, x + y + z = 6, 2x + y = 4  ->  x = 1, y = 2, z = 3 (first column of B);
    // the second column is the same system with right-hand side 1, 1, 1: x = 1/3, y = 1/3, z = 1/3.
    const x = solveLinearSystem(
      [
        [0, 2, 1],
        [1, 1, 1],
        [2, 1, 0],
      ],
      [
        [7, 1],
        [6, 1],
        [4, 1],
      ],
    );
    const expected = [
      [1, 1 / 3],
      [2, 1 / 3],
      [3, 1 / 3],
    ];
    for (const [i, row] of x.entries()) for (const [k, value] of row.entries()) expect(value).toBeCloseTo(expected[i]?.[k] as number, 12);
  });

  it("refuses a singular system", () => {
    expect(() =>
      solveLinearSystem(
        [
          [1, 2],
          [2, 4],
        ],
        [[1], [2]],
      ),
    ).toThrow("singular linear system: no pivot in column 1");
  });
});

/**
 * One touch of a path, as the models see it.
 * - `key`: what credit is reported under (event name, channel, stage or campaign, by groupBy).
 * - `label`: the touch's identity inside a path. Equal to `key` except under the `frequency`
 *   transform, where it carries the count (`email(3)`), so `email(1)` and `email(3)` are distinct
 *   paths and Markov states, while credit still goes to `email`.
 * - `time`: epoch ms (time_decay); `direct`: the touch came through the direct channel
 *   (last_non_direct).
 */
export interface PathTouch {
  key: string;
  label: string;
  time: number;
  direct: boolean;
}

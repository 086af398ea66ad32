/**
 * A log line that may repeat every few milliseconds (a checkpoint failing on a full disk) is
 * written at once the first time, then at most once per `intervalMs`, saying how many were left
 * out since: the log shows the fault and how long it lasts without filling the disk further.
 */
export function throttledLog(write: (line: string) => void, intervalMs: number, now: () => number = Date.now): (line: string) => void {
  let lastWritten = -Infinity;
  let leftOut = 0;
  return (line) => {
    const time = now();
    if (time - lastWritten < intervalMs) {
      leftOut++;
      return;
    }
    write(leftOut === 0 ? line : `${line} (${leftOut} more like it since the last one)`);
    lastWritten = time;
    leftOut = 0;
  };
}

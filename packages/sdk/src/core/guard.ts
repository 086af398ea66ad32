/** Runs `fn`, turning a throw into undefined: for platform calls that fail in private modes, sandboxes and full quotas. */
export const guard = <T>(fn: () => T): T | undefined => {
  try {
    return fn();
  } catch {}
};

/** A setting the collector cannot run with: reported as a usage error (exit code 2). */
export class ConfigError extends Error {}

/** A whole number within bounds, from a flag or environment variable named `name`. */
export function integer(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max)
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}; got "${value}"`);
  return n;
}

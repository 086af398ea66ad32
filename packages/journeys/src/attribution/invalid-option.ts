/**
 * Thrown when an engine option is out of its domain. `option` names the offending option exactly
 * as the caller spelled it (e.g. `lookbackDays`), so an HTTP layer can answer 400 naming the
 * query parameter without parsing the message.
 */
export class InvalidOptionError extends Error {
  readonly option: string;

  constructor(option: string, message: string) {
    super(`${option}: ${message}`);
    this.name = "InvalidOptionError";
    this.option = option;
  }
}

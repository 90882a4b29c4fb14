// A run that found a problem in what the user gave stops by throwing this after it has added the
// diagnostics: the command prints them and exits 1. Anything else thrown is a bug (exit 2).
export class ReportedError extends Error {
  constructor(message = "diagnostics reported") {
    super(message);
    this.name = "ReportedError";
  }
}

/** An output could not be written (exit 3). */
export class OutputError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`${path}: ${reason}`);
    this.name = "OutputError";
  }
}

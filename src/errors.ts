// A run that found a problem in what the user gave stops by throwing this after it has added the
// diagnostics: the command prints them and exits 1. Anything else thrown is a bug (exit 2).
export class ReportedError extends Error {
  constructor(message = "diagnostics reported") {
    super(message);
    this.name = "ReportedError";
  }
}

/** An output could not be written (exit 3): PP902, or `code` where a message of its own says why (PP910). */
export class OutputError extends Error {
  constructor(readonly path: string, readonly reason: string, readonly code: "PP902" | "PP910" = "PP902") {
    super(`${path}: ${reason}`);
    this.name = "OutputError";
  }
}

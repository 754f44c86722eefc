/** What a report says about the run besides its result. */
export interface BacktestReportMeta {
  /** Strategy name, e.g. `sma-cross`. */
  readonly strategy: string;
  /** The strategy's parameters (defaults included), as the run used them. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Instrument id, e.g. `SP500-2000.SIM`. */
  readonly instrument: string;
  /** Where the bars came from (a file, a catalog and bar type). */
  readonly data?: string;
}

/** A parameter value as text: strings as they are, anything else as JSON (`10`, `true`, `[1,2]`). */
export function parameterText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

/** How one token request ended, as instrumentation sees it. Never a token or a key. */
export interface TokenRequestOutcome {
  /** `"issued"`, `"queued"` (session admission 202), `"released"` (a lease given back), `"preflight"`, or the wire error code answered. */
  code: string;
  /** The HTTP status answered (or that an HTTP route would have answered, with `mintToken`). */
  status: number;
  /** The model the client asked for, if any. */
  model: string | undefined;
  /** How many times Decart was called (0 when refused before). */
  upstreamAttempts: number;
}

/** One token request being measured. */
export interface TokenRequestMeasurement {
  /** One call to Decart ended: how long it took and the status it answered (`undefined`: no answer). */
  upstreamAttempt(durationMs: number, status: number | undefined): void;
  /** The request is answered. */
  end(outcome: TokenRequestOutcome): void;
}

/**
 * Instrumentation of the token route: `start` is called once per request. `openTelemetry()` from
 * `@decart-kit/core/opentelemetry` implements it; so can any metrics library.
 */
export interface TokenRouteTelemetry {
  start(): TokenRequestMeasurement;
}

import { type Meter, metrics, SpanStatusCode, type Tracer, trace } from "@opentelemetry/api";
import type { TokenRequestMeasurement, TokenRequestOutcome, TokenRouteTelemetry } from "./telemetry";

/** Where `openTelemetry()` records; both default to the globally registered providers. */
export interface OpenTelemetryOptions {
  /**
   * The tracer for the span of each token request.
   * @default trace.getTracer("@decart-kit/core")
   */
  tracer?: Tracer;
  /**
   * The meter for the counters and the latency histogram.
   * @default metrics.getMeter("@decart-kit/core") at the first request (so a provider registered later is used)
   */
  meter?: Meter;
}

const SCOPE = "@decart-kit/core";

function instruments(meter: Meter) {
  return {
    issued: meter.createCounter("decart_kit.tokens.issued", { description: "Client tokens minted", unit: "{token}" }),
    refused: meter.createCounter("decart_kit.tokens.refused", {
      description: "Token requests refused, by error code",
      unit: "{request}",
    }),
    upstream: meter.createHistogram("decart_kit.upstream.duration", {
      description: "Duration of each call to Decart's token API",
      unit: "s",
    }),
  };
}

/**
 * OpenTelemetry for a token route (`telemetry: openTelemetry()`): a span per request (`decart_kit.outcome`,
 * `decart_kit.model`, `decart_kit.upstream.attempts`, the HTTP status), counters `decart_kit.tokens.issued` (by model)
 * and `decart_kit.tokens.refused` (by `error.code`), and the histogram `decart_kit.upstream.duration` (seconds).
 * Never a token or a key. Without a registered SDK the API's no-op providers make it nearly free.
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): TokenRouteTelemetry {
  let recorders: ReturnType<typeof instruments> | undefined;
  // A meter taken from the global API before the SDK is registered stays a no-op: take it at the first request.
  const record = () => {
    recorders ??= instruments(options.meter ?? metrics.getMeter(SCOPE));
    return recorders;
  };
  return {
    start(): TokenRequestMeasurement {
      const span = (options.tracer ?? trace.getTracer(SCOPE)).startSpan("decart-kit token request");
      const { issued, refused, upstream } = record();
      return {
        upstreamAttempt(durationMs, status) {
          upstream.record(
            durationMs / 1000,
            status === undefined ? { "error.type": "network" } : { "http.response.status_code": status },
          );
        },
        end(outcome: TokenRequestOutcome) {
          span.setAttributes({
            "decart_kit.outcome": outcome.code,
            "decart_kit.upstream.attempts": outcome.upstreamAttempts,
            "http.response.status_code": outcome.status,
            ...(outcome.model === undefined ? {} : { "decart_kit.model": outcome.model }),
          });
          if (outcome.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.code });
          span.end();
          if (outcome.code === "issued")
            issued.add(1, outcome.model === undefined ? {} : { "decart_kit.model": outcome.model });
          // The refused model is client input: kept off the counter so a caller cannot grow its label set.
          else if (outcome.status >= 400) refused.add(1, { "error.code": outcome.code });
        },
      };
    },
  };
}

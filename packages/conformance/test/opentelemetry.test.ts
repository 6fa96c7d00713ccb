import { randomBytes } from "node:crypto";
import { createFetchHandler } from "@decart-kit/core";
import { openTelemetry } from "@decart-kit/core/opentelemetry";
import { type Emulator, startEmulator } from "@decart-kit/emulator";
import { metrics, trace } from "@opentelemetry/api";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PERMANENT_KEY = `sk_test_${randomBytes(12).toString("hex")}`;

describe("openTelemetry(): spans, counters and Decart's latency, read back with the SDK's in-memory exporters", () => {
  let emulator: Emulator;
  const spans = new InMemorySpanExporter();
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });

  beforeAll(async () => {
    emulator = await startEmulator({ apiKeys: [PERMANENT_KEY] });
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  });
  afterAll(async () => {
    trace.disable();
    metrics.disable();
    await emulator?.close();
  });

  const post = (body: object, headers: Record<string, string> = {}) =>
    new Request("http://127.0.0.1/api/realtime-token", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("records one span per request, issued/refused counters by code, and each call to Decart", async () => {
    // Created before anything is measured, as a module-scope route is; the global providers are read at request time.
    const handler = createFetchHandler({
      apiKey: PERMANENT_KEY,
      baseUrl: emulator.url,
      allowedModels: ["lucy-2.1"],
      authorize: ({ request }) => request.headers.get("x-user"),
      rateLimit: false,
      logger: false,
      telemetry: openTelemetry(),
    });
    emulator.fault({ type: "status", status: 503, times: 1 });
    const issued = await handler(post({ model: "lucy-2.1" }, { "x-user": "ada" }));
    expect(issued.status).toBe(200);
    const { apiKey } = await issued.json();
    expect((await handler(post({}))).status).toBe(401);
    expect((await handler(post({ model: "lucy-2.5" }, { "x-user": "ada" }))).status).toBe(403);

    const finished = spans.getFinishedSpans();
    expect(finished.map((span) => span.attributes["decart_kit.outcome"])).toEqual([
      "issued",
      "unauthorized",
      "model_not_allowed",
    ]);
    expect(finished[0]?.attributes).toMatchObject({
      "decart_kit.model": "lucy-2.1",
      "decart_kit.upstream.attempts": 2,
      "http.response.status_code": 200,
    });
    expect(finished[1]?.attributes["decart_kit.upstream.attempts"]).toBe(0);
    const everything = JSON.stringify(finished.map((span) => [span.name, span.attributes]));
    expect(everything).not.toContain(PERMANENT_KEY);
    expect(everything).not.toContain(apiKey);

    await reader.forceFlush();
    const exported =
      metricExporter
        .getMetrics()
        .at(-1)
        ?.scopeMetrics.flatMap((scope) => scope.metrics) ?? [];
    const byName = Object.fromEntries(exported.map((metric) => [metric.descriptor.name, metric.dataPoints]));
    expect(byName["decart_kit.tokens.issued"]).toEqual([
      expect.objectContaining({ attributes: { "decart_kit.model": "lucy-2.1" }, value: 1 }),
    ]);
    expect(byName["decart_kit.tokens.refused"]).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ attributes: { "error.code": "unauthorized" }, value: 1 }),
        expect.objectContaining({ attributes: { "error.code": "model_not_allowed" }, value: 1 }),
      ]),
    );
    const latency = byName["decart_kit.upstream.duration"] ?? [];
    // The 503 that was retried, then Decart's success: one histogram point per status, one call each.
    const statuses = latency.map((point) => Number(point.attributes["http.response.status_code"])).sort();
    expect(statuses).toHaveLength(2);
    expect(statuses[0]).toBeLessThan(300);
    expect(statuses[1]).toBe(503);
    expect(latency.reduce((sum, point) => sum + (point.value as { count: number }).count, 0)).toBe(2);
  });
});

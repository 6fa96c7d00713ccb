import type { ClientOptions } from "@examples/shared/demo";

/**
 * Where sessions run. `instrumentation.ts` starts the emulator when no `DECART_API_KEY` is set and points
 * `DECART_BASE_URL` / `DECART_REALTIME_URL` at it; with a key and no URLs, this is Decart itself.
 */
export function realtimeBackend(): { mode: "decart" | "emulator"; clientOptions: ClientOptions } {
  const baseUrl = process.env.DECART_BASE_URL;
  const realtimeBaseUrl = process.env.DECART_REALTIME_URL;
  if (!baseUrl) return { mode: "decart", clientOptions: {} };
  return { mode: "emulator", clientOptions: { baseUrl, realtimeBaseUrl, telemetry: false } };
}

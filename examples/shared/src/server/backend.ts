import { EMULATOR_API_KEY, type Emulator, startEmulator } from "@decart-kit/emulator";
import type { ClientOptions } from "../ui/api";

/** Where realtime sessions run: Decart itself, or the local emulator that echoes the camera. */
export interface RealtimeBackend {
  mode: "decart" | "emulator";
  /** The permanent key the token route mints with. Never sent to a browser. */
  apiKey: string;
  /** Where the token route asks for tokens; undefined means Decart's own API. */
  baseUrl: string | undefined;
  /** What the page passes to `createDecartClient` (the emulator's URLs, telemetry off). */
  clientOptions: ClientOptions;
  /** Stops the in-process emulator, if this backend started one. */
  close(): Promise<void>;
}

export interface RealtimeBackendOptions {
  /** The permanent Decart key; without one the emulator starts in-process. */
  apiKey?: string | undefined;
  /** An emulator someone else started (tests), used instead of starting one. It is not closed by `close()`. */
  emulator?: Emulator;
}

/**
 * With a `DECART_API_KEY` the app talks to Decart unchanged. Without one it starts the emulator on a free
 * loopback port, so the whole loop (token API, signaling, media) runs offline.
 */
export async function startRealtimeBackend(options: RealtimeBackendOptions = {}): Promise<RealtimeBackend> {
  if (options.apiKey && !options.emulator) {
    return {
      mode: "decart",
      apiKey: options.apiKey,
      baseUrl: undefined,
      clientOptions: {},
      close: async () => {},
    };
  }
  const owned = !options.emulator;
  const emulator = options.emulator ?? (await startEmulator({ host: "127.0.0.1", port: 0 }));
  return {
    mode: "emulator",
    apiKey: EMULATOR_API_KEY,
    baseUrl: emulator.url,
    // Telemetry would post to Decart, which the emulator stands in for: keep it off.
    clientOptions: { baseUrl: emulator.url, realtimeBaseUrl: emulator.realtimeUrl, telemetry: false },
    close: owned ? () => emulator.close() : async () => {},
  };
}

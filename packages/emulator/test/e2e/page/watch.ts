import { createDecartClient } from "@decartai/sdk";
import type { PageConfig, PageHelpers } from "./config";

/** A viewer, as Decart's streamer example builds one: a client token, the subscribe token, the shared stream. */
export async function runWatch(config: PageConfig, { report, fetchToken, showRemoteStream }: PageHelpers) {
  report.watchStates = [];
  const token = await fetchToken(config);
  const decart = createDecartClient({ apiKey: token, baseUrl: config.baseUrl, telemetry: false });
  try {
    const viewer = await decart.realtime.subscribe({
      token: config.subscribeToken ?? "",
      onRemoteStream: showRemoteStream,
      onConnectionChange: (state) => report.watchStates?.push(state),
    });
    (window as unknown as { viewer: typeof viewer }).viewer = viewer;
    report.connected = true;
  } catch (error) {
    const cause = (error as { cause?: Error }).cause;
    report.connectError = `${(error as Error).message}${cause ? `: ${cause.message}` : ""}`;
  }
}

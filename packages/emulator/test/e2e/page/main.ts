import { createDecartClient, models } from "@decartai/sdk";
import type { PageConfig, PageReport } from "./config";
import { runFiles } from "./files";
import { runWatch } from "./watch";

/**
 * The browser half of the end-to-end tests: what an app does with the unmodified SDK. It fetches a token from the
 * app's own token route, opens the (fake) camera, connects, and shows the remote stream in a <video>.
 */
type RealtimeClient = Awaited<ReturnType<ReturnType<typeof createDecartClient>["realtime"]["connect"]>>;

const report: PageReport = { states: [], errors: [], connected: false, remoteStreams: 0 };
const page = window as unknown as {
  e2e: PageReport;
  client?: RealtimeClient;
  camera?: MediaStream;
  remoteVideo: HTMLVideoElement;
};
page.e2e = report;
page.remoteVideo = document.createElement("video");
page.remoteVideo.muted = true;
page.remoteVideo.autoplay = true;
page.remoteVideo.playsInline = true;
document.body.append(page.remoteVideo);

async function fetchToken(config: PageConfig): Promise<string> {
  if (config.token) return config.token;
  const response = await fetch(config.tokenPath ?? "/api/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(config.tokenBody ?? {}),
  });
  const body = (await response.json()) as { apiKey?: string; error?: { code: string } };
  if (!response.ok || !body.apiKey) throw new Error(`token route answered ${response.status} ${body.error?.code}`);
  return body.apiKey;
}

function showRemoteStream(stream: MediaStream): void {
  report.remoteStreams++;
  report.remoteStreamAt ??= performance.now();
  page.remoteVideo.srcObject = stream;
  page.remoteVideo.requestVideoFrameCallback(() => {
    report.firstFrameAt ??= performance.now();
  });
}

async function run(config: PageConfig): Promise<void> {
  const token = await fetchToken(config);
  if (config.connectDelayMs) await new Promise((resolve) => setTimeout(resolve, config.connectDelayMs));
  page.camera = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
  const decart = createDecartClient({ apiKey: token, realtimeBaseUrl: config.realtimeBaseUrl, telemetry: false });
  report.connectCalledAt = performance.now();
  try {
    const client = await decart.realtime.connect(page.camera, {
      model: models.realtime(config.model as "lucy-2.5"),
      onRemoteStream: showRemoteStream,
      onConnectionChange: (state) => report.states.push(state),
      ...(config.prompt ? { initialState: { prompt: { text: config.prompt, enhance: false } } } : {}),
    });
    client.on("error", (error) => report.errors.push(`${error.code}: ${error.message}`));
    client.on("generationEnded", (event) => {
      report.generationEnded = event;
      report.generationEndedAt = performance.now();
    });
    page.client = client;
    report.connected = true;
    report.subscribeToken = client.subscribeToken;
  } catch (error) {
    report.connectError = error instanceof Error ? error.message : String(error);
  }
}

const config = JSON.parse(new URLSearchParams(location.search).get("config") ?? "null") as PageConfig | null;
if (config) {
  const helpers = { report, fetchToken, showRemoteStream };
  const modes = { publish: run, watch: runWatch, files: runFiles };
  modes[config.mode ?? "publish"](config, helpers).catch((error: unknown) => {
    report.connectError = error instanceof Error ? error.message : String(error);
  });
}

import { createDecartClient, models, type RealTimeModels } from "@decartai/sdk";
import { useEffect, useRef } from "react";
import { createRoot } from "react-dom/client";
import { RealtimeVideo, useDecartRealtime } from "../src/index";

/**
 * The browser half of `pnpm bench:hook`: one page load starts one session, either with the hook or with the
 * straightforward hand-written code a seed app would have (camera, then token, then connect). Times are reported
 * on `window.bench`. The camera takes `cameraDelayMs` to start, like a real one.
 */
export interface BenchConfig {
  mode: "hook" | "serial";
  model: string;
  baseUrl: string;
  realtimeBaseUrl: string;
  cameraDelayMs: number;
}

export interface BenchReport {
  /** From the start to the first remote frame presented. */
  firstFrameMs?: number;
  /** Serial only: the camera, the token request, and connect() to the first frame, each on its own. */
  cameraMs?: number;
  tokenMs?: number;
  connectToFrameMs?: number;
  /** `Date.now()` of the first frame of every remote stream (a reconnect adds one). */
  frameTimes: number[];
  errors: string[];
}

const report: BenchReport = { frameTimes: [], errors: [] };
(window as unknown as { bench: BenchReport }).bench = report;

const openCamera = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function onFirstFrame(video: HTMLVideoElement, t0: number, live: () => boolean) {
  video.requestVideoFrameCallback(() => {
    if (!live()) return;
    report.frameTimes.push(Date.now());
    report.firstFrameMs ??= performance.now() - t0;
  });
}

function HookStudio({ config, t0 }: { config: BenchConfig; t0: number }) {
  const realtime = useDecartRealtime({
    model: config.model as RealTimeModels,
    clientOptions: { baseUrl: config.baseUrl, realtimeBaseUrl: config.realtimeBaseUrl, telemetry: false },
    onError: (error) => report.errors.push(`${error.code}: ${error.message}`),
  });
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (!video.current || !realtime.remoteStream) return;
    let live = true;
    onFirstFrame(video.current, t0, () => live);
    return () => {
      live = false;
    };
  }, [realtime.remoteStream, t0]);
  return <RealtimeVideo ref={video} stream={realtime.remoteStream} />;
}

/** What an app without the hook writes: each step waits for the one before. */
async function serial(config: BenchConfig, t0: number) {
  const model = models.realtime(config.model as RealTimeModels);
  const camera = await navigator.mediaDevices.getUserMedia({
    audio: false,
    video: {
      width: { ideal: model.width },
      height: { ideal: model.height },
      frameRate: typeof model.fps === "number" ? { ideal: model.fps } : model.fps,
    },
  });
  const cameraReady = performance.now();
  const response = await fetch("/api/realtime-token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: config.model }),
  });
  const { apiKey } = (await response.json()) as { apiKey: string };
  const tokenReady = performance.now();
  const video = document.body.appendChild(document.createElement("video"));
  Object.assign(video, { muted: true, autoplay: true, playsInline: true });
  onFirstFrame(video, t0, () => true);
  const client = createDecartClient({
    apiKey,
    baseUrl: config.baseUrl,
    realtimeBaseUrl: config.realtimeBaseUrl,
    telemetry: false,
  });
  await client.realtime.connect(camera, {
    model,
    onRemoteStream: (stream) => {
      video.srcObject = stream;
    },
  });
  while (report.firstFrameMs === undefined) await sleep(5);
  report.cameraMs = cameraReady - t0;
  report.tokenMs = tokenReady - cameraReady;
  report.connectToFrameMs = t0 + report.firstFrameMs - tokenReady;
}

function main(config: BenchConfig) {
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const [stream] = await Promise.all([openCamera(constraints), sleep(config.cameraDelayMs)]);
    return stream;
  };
  const t0 = performance.now();
  if (config.mode === "serial") {
    serial(config, t0).catch((error) => report.errors.push(String(error)));
    return;
  }
  createRoot(document.body.appendChild(document.createElement("main"))).render(<HookStudio config={config} t0={t0} />);
}

const config = JSON.parse(new URLSearchParams(location.search).get("config") ?? "null") as BenchConfig | null;
if (config) main(config);

import { useEffect } from "react";
import { createRoot } from "react-dom/client";
import { RealtimeVideo, useDecartRealtime } from "../../../src/index";
import type { PageConfig, PageReport } from "./config";
import { Viewer } from "./viewer";

/**
 * The browser half of the end-to-end tests: a page that uses the hook as an app would, with the unmodified SDK.
 * It records every camera track created (originals from getUserMedia and their clones), so a test can check that
 * each one ended.
 */
const report: PageReport = {
  statuses: [],
  errors: [],
  sessionId: null,
  sessionEndsAt: null,
  mounted: false,
  sessionIds: [],
};
const cameraTracks: MediaStreamTrack[] = [];
const control = window as unknown as {
  e2e: PageReport;
  cameraTracks: () => { id: string; state: string; clone: boolean }[];
  callerTracks: () => string[];
  unmount: () => void;
  disconnect: () => void;
  /** Opens the camera again at another size and publishes it in the running session. */
  switchCamera: () => Promise<void>;
  /** The hook's camera track ends as when unplugged (Chromium cannot unplug its fake camera: the event is fired). */
  endCamera: () => void;
  remoteVideo: () => { time: number; frames: number; width: number } | null;
};
control.e2e = report;

const openCamera = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = async (constraints) => {
  const stream = await openCamera(constraints);
  cameraTracks.push(...stream.getTracks());
  return stream;
};
const clone = MediaStreamTrack.prototype.clone;
const clones = new Set<MediaStreamTrack>();
MediaStreamTrack.prototype.clone = function (this: MediaStreamTrack) {
  const copy = clone.call(this);
  if (cameraTracks.includes(this)) {
    cameraTracks.push(copy);
    clones.add(copy);
  }
  return copy;
};
control.cameraTracks = () =>
  cameraTracks.map((track) => ({ id: track.id, state: track.readyState, clone: clones.has(track) }));

function Studio({ config, stream }: { config: PageConfig; stream?: MediaStream }) {
  const realtime = useDecartRealtime({
    model: config.model as "lucy-2.1",
    token: config.token,
    prompt: config.prompt,
    stream,
    reconnect: config.reconnect ?? { baseDelayMs: 200 },
    connectTimeoutMs: config.connectTimeoutMs,
    clientOptions: { baseUrl: config.baseUrl, realtimeBaseUrl: config.realtimeBaseUrl, telemetry: false },
    onError: (error) => report.errors.push(`${error.code}: ${error.message}`),
  });
  if (report.statuses.at(-1) !== realtime.status) report.statuses.push(realtime.status);
  report.sessionId = realtime.sessionId;
  if (realtime.sessionId && report.sessionIds.at(-1) !== realtime.sessionId) report.sessionIds.push(realtime.sessionId);
  control.switchCamera = () => realtime.switchCamera({ width: 320, height: 240 });
  control.endCamera = () => realtime.localStream?.getVideoTracks()[0]?.dispatchEvent(new Event("ended"));
  report.sessionEndsAt = realtime.sessionEndsAt?.toISOString() ?? null;
  control.disconnect = realtime.disconnect;
  useEffect(() => {
    report.mounted = true;
    return () => {
      report.mounted = false;
    };
  }, []);
  return <RealtimeVideo id="remote" stream={realtime.remoteStream} />;
}

control.remoteVideo = () => {
  const video = document.querySelector<HTMLVideoElement>("#remote");
  if (!video) return null;
  return { time: video.currentTime, frames: video.getVideoPlaybackQuality().totalVideoFrames, width: video.videoWidth };
};

async function main(config: PageConfig) {
  const stream = config.callerStream
    ? await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } })
    : undefined;
  control.callerTracks = () => stream?.getTracks().map((track) => track.readyState) ?? [];
  const root = createRoot(document.body.appendChild(document.createElement("main")));
  root.render(config.watch ? <Viewer config={config} report={report} /> : <Studio config={config} stream={stream} />);
  control.unmount = () => root.unmount();
}

const config = JSON.parse(new URLSearchParams(location.search).get("config") ?? "null") as PageConfig | null;
if (config) void main(config);

import { createDecartClient, models } from "@decartai/sdk";

/**
 * The browser half of `bench:viewers`: one page publishes the fake camera; another holds N viewers of that session
 * (each its own `realtime.subscribe`, so its own LiveKit room connection and peer connection). Every peer
 * connection is recorded so the bench can read each one's `framesReceived` (complete frames that arrived, counted
 * before decoding: the emulator's delivery, not the browser's decoding speed).
 */
const peers: RTCPeerConnection[] = [];
const NativePeerConnection = window.RTCPeerConnection;
window.RTCPeerConnection = class extends NativePeerConnection {
  constructor(config?: RTCConfiguration) {
    super(config);
    peers.push(this);
  }
} as typeof RTCPeerConnection;

interface BenchConfig {
  role: "publish" | "watch";
  apiKey: string;
  baseUrl: string;
  realtimeBaseUrl: string;
  subscribeToken?: string;
  viewers?: number;
}

const bench = window as unknown as {
  ready: boolean;
  error?: string;
  subscribeToken?: string | null;
  streams: number;
  /** `framesReceived` of every inbound video stream, one entry per peer connection that has one. */
  framesReceived(): Promise<number[]>;
};
bench.ready = false;
bench.streams = 0;
bench.framesReceived = async () => {
  const counts: number[] = [];
  for (const peer of peers) {
    if (peer.connectionState === "closed") continue;
    const stats = await peer.getStats();
    let frames: number | undefined;
    stats.forEach((report) => {
      if (report.type === "inbound-rtp" && report.kind === "video") frames = (frames ?? 0) + report.framesReceived;
    });
    if (frames !== undefined) counts.push(frames);
  }
  return counts;
};

async function run(config: BenchConfig): Promise<void> {
  const decart = createDecartClient({
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    realtimeBaseUrl: config.realtimeBaseUrl,
    telemetry: false,
  });
  if (config.role === "publish") {
    const camera = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
    const client = await decart.realtime.connect(camera, {
      model: models.realtime("lucy-2.5"),
      onRemoteStream: () => bench.streams++,
    });
    bench.subscribeToken = client.subscribeToken;
  } else {
    const joins = Array.from({ length: config.viewers ?? 1 }, () =>
      decart.realtime.subscribe({ token: config.subscribeToken ?? "", onRemoteStream: () => bench.streams++ }),
    );
    await Promise.all(joins);
  }
  bench.ready = true;
}

const config = JSON.parse(new URLSearchParams(location.search).get("config") ?? "null") as BenchConfig | null;
if (config) {
  run(config).catch((error: unknown) => {
    bench.error = error instanceof Error ? error.message : String(error);
  });
}

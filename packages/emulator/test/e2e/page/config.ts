/** What a test asks the page to do; passed as JSON in the page URL's `config` parameter. */
export interface PageConfig {
  /** Token route to POST to (same origin), e.g. "/api/token"; ignored when `token` is given. */
  tokenPath?: string;
  /** A token minted elsewhere, to test what the SDK does with one it should not be able to use. */
  token?: string;
  /** Body of the token request, e.g. `{ model: "lucy-2.5" }`. */
  tokenBody?: Record<string, unknown>;
  /** Realtime model to connect with. */
  model: string;
  /** The emulator's `ws://` URL, the SDK's `realtimeBaseUrl`. */
  realtimeBaseUrl: string;
  /** Wait this long between receiving the token and connecting (lets a short-lived token expire). */
  connectDelayMs?: number;
  /** Initial prompt sent with the join. */
  prompt?: string;
  /**
   * What the page does: connect with the camera (default), watch a session by its subscribe token, or exercise the
   * Files API and connect with an uploaded reference image.
   */
  mode?: "publish" | "watch" | "files";
  /** `watch`: the publisher's subscribe token. */
  subscribeToken?: string;
  /** `watch` and `files`: the emulator's `http://` URL, the SDK's `baseUrl`. */
  baseUrl?: string;
}

/** What the page reports back (`window.e2e`), read with `page.evaluate`. */
export interface PageReport {
  states: string[];
  errors: string[];
  connectError?: string;
  connected: boolean;
  /** `performance.now()` marks: 0 is the page's navigation start. */
  connectCalledAt?: number;
  remoteStreamAt?: number;
  generationEndedAt?: number;
  firstFrameAt?: number;
  /** Calls `onRemoteStream` received. */
  remoteStreams: number;
  generationEnded?: { seconds: number; reason: string };
  /** `publish`: the session's subscribe token, once connected. */
  subscribeToken?: string | null;
  /** `watch`: the subscribe client's connection states, in order. */
  watchStates?: string[];
  /** `files`: what each Files API step returned or threw, in order. */
  fileSteps?: string[];
}

/** What the page's modes share: its report, the token fetch and the remote <video>. */
export interface PageHelpers {
  report: PageReport;
  fetchToken(config: PageConfig): Promise<string>;
  showRemoteStream(stream: MediaStream): void;
}

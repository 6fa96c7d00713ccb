/** What a test asks the page to do; passed as JSON in the page URL's `config` parameter. */
export interface PageConfig {
  model: string;
  /** The emulator's URLs, for `clientOptions`. */
  baseUrl: string;
  realtimeBaseUrl: string;
  /** Give the hook a stream the page opened itself, instead of letting the hook open the camera. */
  callerStream?: boolean;
  prompt?: string;
  /** Token endpoint; the hook's default when omitted. */
  token?: string;
  /** Render `useDecartViewer` for this subscribe token (in StrictMode) instead of the publishing studio. */
  watch?: string;
  /** The hook's `connectTimeoutMs`. */
  connectTimeoutMs?: number;
  /** The hook's `reconnect` (`false` for none). */
  reconnect?: false;
}

/** What the page reports back (`window.e2e`), read with `page.evaluate`. */
export interface PageReport {
  /** Every status the hook rendered with, consecutive duplicates removed. */
  statuses: string[];
  errors: string[];
  sessionId: string | null;
  /** ISO time, when the token limits the session's duration. */
  sessionEndsAt: string | null;
  mounted: boolean;
  /** Every session id the hook showed, in order (a camera switch must not add one). */
  sessionIds: string[];
}

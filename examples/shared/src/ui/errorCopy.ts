import type { RealtimeError } from "./realtime";

/** What the page offers next to an error message. */
export type ErrorAction = "retry" | "sign-in" | "pick-model";

export interface ErrorCopy {
  title: string;
  detail: string;
  action: ErrorAction;
  /** The retry button's label when "Try again" would not fit. */
  retryLabel?: string;
}

const NETWORK: Omit<ErrorCopy, "action"> = {
  title: "Connection problem",
  detail: "The session could not be reached. Check your connection and try again.",
};

/** Plain-language copy for each error code the token route and the hook produce. */
const COPY: Record<string, ErrorCopy> = {
  camera_denied: {
    title: "Camera access is blocked",
    detail: "Allow the camera for this site (the camera icon in the address bar), then try again.",
    action: "retry",
  },
  camera_not_found: {
    title: "No camera found",
    detail: "Connect a camera or pick another one in your browser settings, then try again.",
    action: "retry",
  },
  camera_in_use: {
    title: "Your camera is busy",
    detail: "Another app or tab is using it. Close that one and try again.",
    action: "retry",
  },
  unauthorized: {
    title: "You're not signed in",
    detail: "Sign in to start a realtime session.",
    action: "sign-in",
  },
  forbidden: {
    title: "Not allowed",
    detail: "Your account may not start realtime sessions.",
    action: "sign-in",
  },
  model_not_allowed: {
    title: "That model isn't enabled",
    detail: "Your account can't use this model. Pick one of the models listed.",
    action: "pick-model",
  },
  model_not_found: {
    title: "Unknown model",
    detail: "This version of the SDK doesn't know that model. Pick one of the models listed.",
    action: "pick-model",
  },
  origin_not_allowed: {
    title: "This address isn't allowed",
    detail: "Open the app at the address the server prints (or set PUBLIC_ORIGIN on the server).",
    action: "retry",
  },
  rate_limited: {
    title: "Too many sessions",
    detail: "You've started sessions too quickly. Wait a moment before trying again.",
    action: "retry",
  },
  session_ended: {
    title: "Session ended",
    detail: "The session reached its time limit. Start a new one whenever you're ready.",
    action: "retry",
    retryLabel: "Start a new session",
  },
  token_expired: {
    title: "Session token expired",
    detail: "Start again to get a fresh one.",
    action: "retry",
  },
  camera_lost: {
    title: "Your camera stopped",
    detail: "It was unplugged or its permission was taken back, so the session ended. Reconnect it and try again.",
    action: "retry",
  },
  connect_timeout: {
    title: "Connecting took too long",
    detail: "The session could not be set up in time. Check your connection and try again.",
    action: "retry",
  },
  capacity: {
    title: "All sessions are taken",
    detail: "Every realtime slot is in use right now. Try again in a moment.",
    action: "retry",
  },
  session_limit: {
    title: "You already have a session open",
    detail: "Close your other tab or session first, then try again.",
    action: "retry",
  },
  token_fetch_failed: { ...NETWORK, action: "retry" },
  connect_failed: { ...NETWORK, action: "retry" },
  upstream_error: {
    title: "Realtime service unavailable",
    detail: "The video service answered with an error. Try again in a moment.",
    action: "retry",
  },
  upstream_timeout: {
    title: "Realtime service is slow",
    detail: "The video service didn't answer in time. Try again in a moment.",
    action: "retry",
  },
};

/** The emulator's media runs on 127.0.0.1 only, which browsers refuse for WebRTC unless told otherwise. */
const EMULATOR_CONNECT: ErrorCopy = {
  title: "The emulator's video could not connect",
  detail:
    "Its WebRTC runs on 127.0.0.1 only: start Chrome with --allow-loopback-in-peer-connection " +
    "(Firefox: media.peerconnection.ice.loopback = true in about:config), then try again.",
  action: "retry",
};

export function errorCopy(error: RealtimeError, context: { emulator: boolean }): ErrorCopy {
  if ((error.code === "connect_failed" || error.code === "connect_timeout") && context.emulator)
    return EMULATOR_CONNECT;
  const copy = COPY[error.code] ?? { title: "Something went wrong", detail: error.message, action: "retry" };
  if (error.code === "rate_limited" && error.retryAfter !== undefined) {
    return { ...copy, detail: `You've started sessions too quickly. Try again in ${Math.ceil(error.retryAfter)} s.` };
  }
  return copy;
}

"use client";

// The page uses the camera, WebRTC and `useDecartRealtime`: a client component. The hook renders on the server
// without touching `window`, and the page shows "Loading…" until it has asked `/api/session` who is signed in.
export { DemoApp as Studio } from "@examples/shared/ui";

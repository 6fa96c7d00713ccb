"use client";

// The viewer page uses WebRTC and `useDecartViewer`: a client component. Its subscribe token is in the URL's
// fragment, which only the browser sees.
export { ViewerApp as Viewer } from "@examples/shared/ui";

import { useDecartViewer, type ViewerStatus } from "@decart-kit/react/viewer";
import { useEffect, useState } from "react";
import { type ClientOptions, fetchPageConfig } from "./api";
import { VideoPanel } from "./VideoPanel";

const MESSAGES: Record<ViewerStatus, string> = {
  idle: "This link has no stream in it. Ask for a new one.",
  "fetching-token": "Joining…",
  connecting: "Joining…",
  connected: "Live",
  reconnecting: "Reconnecting…",
  ended: "The stream has ended.",
  error: "The stream can't be shown.",
};

/** `/watch#<subscribeToken>`: someone else's live result, full size, until their session ends. */
export function ViewerApp() {
  const [clientOptions, setClientOptions] = useState<ClientOptions | null>(null);
  const [subscribeToken, setSubscribeToken] = useState<string | null>(null);
  useEffect(() => {
    // Read after mount: the fragment exists only in the browser (Next.js prerenders this page on the server).
    setSubscribeToken(decodeURIComponent(window.location.hash.slice(1)) || null);
    const controller = new AbortController();
    fetchPageConfig(controller.signal).then(
      (config) => setClientOptions(config.clientOptions),
      () => setClientOptions({}),
    );
    return () => controller.abort();
  }, []);
  return (
    <div className="app">
      <main className="studio">
        {clientOptions ? <Watch subscribeToken={subscribeToken} clientOptions={clientOptions} /> : null}
      </main>
    </div>
  );
}

function Watch({ subscribeToken, clientOptions }: { subscribeToken: string | null; clientOptions: ClientOptions }) {
  const viewer = useDecartViewer({ subscribeToken, token: "/api/viewer-token", clientOptions });
  const message = viewer.error ? `${MESSAGES.error} ${viewer.error.message}` : MESSAGES[viewer.status];
  return (
    <div className="stage stage-single">
      <VideoPanel
        testId="watch-video"
        label="Live result"
        stream={viewer.remoteStream}
        mirrored
        placeholder={message}
        badges={
          <output className="status" data-status={viewer.status} data-testid="watch-status">
            {message}
          </output>
        }
      />
    </div>
  );
}

import { StrictMode } from "react";
import { RealtimeVideo } from "../../../src/index";
import { useDecartViewer } from "../../../src/viewer/index";
import type { PageConfig, PageReport } from "./config";

function Watch({ config, report }: { config: PageConfig; report: PageReport }) {
  const viewer = useDecartViewer({
    subscribeToken: config.watch,
    clientOptions: { baseUrl: config.baseUrl, telemetry: false },
    reconnect: { baseDelayMs: 200 },
    onError: (error) => report.errors.push(`${error.code}: ${error.message}`),
  });
  if (report.statuses.at(-1) !== viewer.status) report.statuses.push(viewer.status);
  return viewer.status === "ended" ? (
    <p>The stream has ended.</p>
  ) : (
    <RealtimeVideo id="remote" stream={viewer.remoteStream} />
  );
}

/** A viewer page as an app writes one, in StrictMode (effects run twice: nothing may be opened twice). */
export function Viewer(props: { config: PageConfig; report: PageReport }) {
  return (
    <StrictMode>
      <Watch {...props} />
    </StrictMode>
  );
}

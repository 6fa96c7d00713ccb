import { useDecartRealtime } from "@decart-kit/react";
import { sessionAdmission } from "@decart-kit/react/admission";
import { type ReactNode, useState } from "react";
import type { PageConfig } from "./api";
import { ErrorNotice } from "./ErrorNotice";
import { ModelPicker } from "./ModelPicker";
import { PROMPT_PRESETS, PromptBox } from "./PromptBox";
import { ReferenceImage } from "./ReferenceImage";
import { isActive, queueText, type Realtime } from "./realtime";
import { SessionCountdown } from "./SessionCountdown";
import { ShareLink } from "./ShareLink";
import { SlowConnectHint } from "./SlowConnectHint";
import { StatusBadge } from "./StatusBadge";
import { VideoPanel } from "./VideoPanel";

export interface StudioProps {
  config: PageConfig;
  initialModel: string;
  /** Asked when the server says nobody is signed in. */
  onSignInRequested(): void;
}

function remotePlaceholder(realtime: Realtime, model: string): ReactNode {
  switch (realtime.status) {
    case "idle":
      return "Press Start to open a session";
    case "requesting-media":
    case "fetching-token":
    case "connecting":
      return queueText(realtime.queuePosition, "long") ?? `Connecting to ${model}…`;
    case "reconnecting":
      return "Reconnecting…";
    case "ended":
      return "Session ended";
    default:
      return "No session";
  }
}

/** The realtime session: camera and result side by side, the prompt, the model and the controls. */
export function Studio({ config, initialModel, onSignInRequested }: StudioProps) {
  const [model, setModel] = useState(initialModel);
  // The hook sends the prompt with the join and every later change to the running session (no reconnect).
  const [prompt, setPrompt] = useState<string>(PROMPT_PRESETS[0].text);
  const [dismissed, setDismissed] = useState<unknown>(null);
  const realtime = useDecartRealtime({
    token: "/api/realtime-token",
    // The demo servers admit sessions (a queue, one lease per user): the hook speaks that protocol with this.
    admission: sessionAdmission,
    model,
    prompt: { text: prompt, enhance: true },
    enabled: false,
    clientOptions: config.clientOptions,
  });
  const active = isActive(realtime.status);
  const endsAt = realtime.sessionEndsAt?.getTime();
  const error = realtime.error && realtime.error !== dismissed ? realtime.error : null;

  const pickModel = (next: string) => {
    setDismissed(realtime.error);
    setModel(next);
  };

  return (
    <main className="studio">
      {/* Both pictures are mirrored like a selfie view, so they move the same way side by side. On a phone the
          camera shrinks to a corner of the result (styles/controls.css). */}
      <div className="stage">
        <VideoPanel
          testId="local-video"
          className="panel-local"
          label="Your camera"
          stream={realtime.localStream}
          mirrored
          placeholder={realtime.status === "requesting-media" ? "Waiting for camera permission…" : "Camera off"}
        />
        <VideoPanel
          testId="remote-video"
          label={config.backend === "emulator" ? "Result (emulator echo)" : "Result"}
          stream={realtime.remoteStream}
          mirrored
          placeholder={remotePlaceholder(realtime, model)}
          badges={
            <span className="badges">
              {endsAt && active ? <SessionCountdown endsAt={endsAt} /> : null}
              <StatusBadge status={realtime.status} queuePosition={realtime.queuePosition} />
            </span>
          }
        />
      </div>

      {config.backend === "emulator" ? <SlowConnectHint status={realtime.status} /> : null}

      {error ? (
        <ErrorNotice
          error={error}
          onRetry={() => realtime.connect()}
          onSignIn={onSignInRequested}
          fallbackModel={config.models.find((allowed) => allowed !== model)}
          onPickModel={pickModel}
          emulator={config.backend === "emulator"}
        />
      ) : null}

      <section className="controls" aria-label="Session controls">
        <div className="controls-row">
          <ModelPicker models={config.models} value={model} onChange={pickModel} disabled={active} />
          <div className="field field-action">
            {active ? (
              <button type="button" className="button button-quiet" onClick={() => realtime.disconnect()}>
                Stop
              </button>
            ) : (
              <button type="button" className="button button-primary" onClick={() => realtime.connect()}>
                Start session
              </button>
            )}
          </div>
        </div>
        {config.user ? null : <p className="hint">Sign in (top right) to start a session.</p>}
        <PromptBox applied={prompt} onApply={setPrompt} />
        <ReferenceImage model={model} clientOptions={config.clientOptions} onImage={realtime.setImage} />
        <ShareLink subscribeToken={realtime.subscribeToken} />
        {realtime.sessionId ? (
          <p className="session-meta">
            Session <code>{realtime.sessionId}</code>
          </p>
        ) : null}
      </section>
    </main>
  );
}

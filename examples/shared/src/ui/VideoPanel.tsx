import { RealtimeVideo } from "@decart-kit/react";
import type { ReactNode } from "react";

export interface VideoPanelProps {
  label: string;
  stream: MediaStream | null | undefined;
  /** Shown in place of the video until the stream arrives. */
  placeholder: ReactNode;
  /** Mirror the picture, as people expect of their own camera. */
  mirrored?: boolean;
  /** Extra content in the panel's top bar (status, countdown). */
  badges?: ReactNode;
  testId: string;
  className?: string;
}

export function VideoPanel({ label, stream, placeholder, mirrored, badges, testId, className }: VideoPanelProps) {
  return (
    <figure
      className={className ? `panel ${className}` : "panel"}
      data-testid={testId}
      data-mirrored={mirrored || undefined}
    >
      <figcaption className="panel-bar">
        <span className="panel-label">{label}</span>
        {badges}
      </figcaption>
      <div className="panel-frame">
        {stream ? <RealtimeVideo stream={stream} className="panel-video" /> : null}
        {stream ? null : <div className="panel-placeholder">{placeholder}</div>}
      </div>
    </figure>
  );
}

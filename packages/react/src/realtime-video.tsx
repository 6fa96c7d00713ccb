"use client";
import { forwardRef, useEffect, useImperativeHandle, useRef, type VideoHTMLAttributes } from "react";

/** Props of `<RealtimeVideo>`: any `<video>` attribute plus the stream to show. */
export interface RealtimeVideoProps extends Omit<VideoHTMLAttributes<HTMLVideoElement>, "src"> {
  /** The stream to show (`remoteStream` or `localStream`); `null` shows nothing. */
  stream: MediaStream | null | undefined;
  /**
   * Muted, so browsers allow autoplay. Remote realtime streams carry no audio.
   * @default true
   */
  muted?: boolean;
}

/** A `<video>` bound to a MediaStream: autoplay, inline on mobile, muted by default; unbinds on unmount. */
export const RealtimeVideo = forwardRef<HTMLVideoElement, RealtimeVideoProps>(function RealtimeVideo(
  { stream, muted = true, autoPlay = true, playsInline = true, ...props },
  ref,
) {
  const video = useRef<HTMLVideoElement>(null);
  useImperativeHandle(ref, () => video.current!, []);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = stream ?? null;
    return () => {
      element.srcObject = null;
    };
  }, [stream]);

  return <video ref={video} muted={muted} autoPlay={autoPlay} playsInline={playsInline} {...props} />;
});

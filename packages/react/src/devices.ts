"use client";
import { useEffect, useState } from "react";

/** A camera the browser offers. Labels are empty until the page has had camera permission once. */
export interface CameraDevice {
  deviceId: string;
  label: string;
  groupId: string;
}

/** The cameras `enumerateDevices()` reports (empty without `navigator.mediaDevices`, e.g. on the server). */
export async function listCameras(): Promise<CameraDevice[]> {
  const mediaDevices = typeof navigator === "undefined" ? undefined : navigator.mediaDevices;
  if (!mediaDevices?.enumerateDevices) return [];
  const devices = await mediaDevices.enumerateDevices();
  return devices
    .filter((device) => device.kind === "videoinput")
    .map(({ deviceId, label, groupId }) => ({ deviceId, label, groupId }));
}

/**
 * The cameras available now, updated when one is plugged in or out (`devicechange`). Pass a `deviceId` to
 * `useDecartRealtime({ camera: { deviceId } })` or to `switchCamera({ deviceId })`.
 * @example const cameras = useCameras(); // [{ deviceId, label, groupId }, …]
 */
export function useCameras(): CameraDevice[] {
  const [cameras, setCameras] = useState<CameraDevice[]>([]);
  useEffect(() => {
    let current = true;
    const refresh = () => {
      listCameras().then(
        (list) => current && setCameras(list),
        () => current && setCameras([]),
      );
    };
    refresh();
    const mediaDevices = typeof navigator === "undefined" ? undefined : navigator.mediaDevices;
    mediaDevices?.addEventListener?.("devicechange", refresh);
    return () => {
      current = false;
      mediaDevices?.removeEventListener?.("devicechange", refresh);
    };
  }, []);
  return cameras;
}

import { createDecartClient } from "@decartai/sdk";
import { type ChangeEvent, useRef, useState } from "react";
import type { ClientOptions } from "./api";

/** The realtime models of this demo that take a reference image besides the prompt. */
export const MODELS_WITH_REFERENCE_IMAGE: ReadonlySet<string> = new Set(["lucy-2.1", "lucy-2.5"]);

export interface ReferenceImageProps {
  model: string;
  clientOptions: ClientOptions;
  /** Sends the uploaded file's id to the session (now, or when it connects). */
  onImage(fileId: string | null): void;
}

/**
 * A short-lived client token for the upload, from the tightly bounded viewer route: the session route admits one
 * session per user, and an upload is not a session (a token from there would hold a slot).
 */
async function uploadToken(model: string): Promise<string> {
  const response = await fetch("/api/viewer-token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ model }),
  });
  const body = (await response.json()) as { apiKey?: string; error?: { message: string } };
  if (!body.apiKey) throw new Error(body.error?.message ?? `the token route answered ${response.status}`);
  return body.apiKey;
}

/** The same picture picked again maps to the same upload, whatever its name or date says. */
async function contentKey(file: File): Promise<string> {
  // SubtleCrypto exists only in secure contexts (https, localhost); elsewhere the file's metadata has to do.
  if (!globalThis.crypto?.subtle) return `${file.name}\0${file.size}\0${file.lastModified}`;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await file.arrayBuffer()));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Picks a reference image, uploads it once through Decart's Files API (with a client token: the permanent key stays
 * on the server) and from then on refers to it by its `file_…` id, so switching back and forth re-uploads nothing.
 */
export function ReferenceImage({ model, clientOptions, onImage }: ReferenceImageProps) {
  const uploaded = useRef(new Map<string, string>());
  const [state, setState] = useState<{ name: string; fileId?: string; error?: string } | null>(null);
  if (!MODELS_WITH_REFERENCE_IMAGE.has(model)) return null;

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setState({ name: file.name });
    try {
      const key = await contentKey(file);
      let fileId = uploaded.current.get(key);
      if (!fileId) {
        const decart = createDecartClient({ ...clientOptions, apiKey: await uploadToken(model) });
        fileId = (await decart.files.upload(file)).id;
        uploaded.current.set(key, fileId);
      }
      setState({ name: file.name, fileId });
      onImage(fileId);
    } catch (error) {
      setState({ name: file.name, error: (error as Error).message ?? String(error) });
    }
  };

  return (
    <div className="field reference-image">
      <label className="field-label" htmlFor="reference-image">
        Reference image
      </label>
      <input id="reference-image" type="file" accept="image/*" onChange={pick} />
      {state ? (
        <span className="hint" data-testid="reference-image-state">
          {state.error
            ? `Upload failed: ${state.error}`
            : state.fileId
              ? `Using ${state.name} (${state.fileId})`
              : `Uploading ${state.name}…`}
        </span>
      ) : null}
      {state?.fileId ? (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            setState(null);
            onImage(null);
          }}
        >
          Remove
        </button>
      ) : null}
    </div>
  );
}

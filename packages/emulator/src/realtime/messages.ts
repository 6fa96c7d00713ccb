/**
 * Decart's realtime control messages, exactly as `@decartai/sdk` 0.1.20 writes and reads them
 * (its `realtime/signaling-channel.js`): snake_case fields, one JSON object per WebSocket text frame.
 */

/** Client → server. */
export type ClientMessage =
  | { type: "livekit_join"; passthrough?: boolean; client_capabilities?: { frame_timing?: boolean } }
  | { type: "prompt"; prompt: string; enhance_prompt?: boolean }
  | { type: "set_image"; image_data?: string | null; image_ref?: string; prompt?: string; enhance_prompt?: boolean };

/** Server → client. */
export type ServerMessage =
  | { type: "livekit_room_info"; livekit_url: string; token: string; room_name: string; session_id: string }
  | { type: "queue_position"; position: number; queue_size: number }
  | { type: "prompt_ack"; prompt: string; success: boolean; error?: string }
  | { type: "set_image_ack"; success: boolean; error?: string }
  | { type: "generation_started" }
  | { type: "generation_tick"; seconds: number }
  | { type: "generation_ended"; seconds: number; reason: string }
  | { type: "error"; error: string };

export type ParsedClientMessage = { ok: true; message: ClientMessage } | { ok: false; error: string };

/** Parses one text frame; a frame the SDK would never send is reported, not guessed at. */
export function parseClientMessage(data: string): ParsedClientMessage {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { ok: false, error: "invalid message: not JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, error: "invalid message: expected a JSON object" };
  }
  const type = (value as { type?: unknown }).type;
  if (type === "livekit_join" || type === "prompt" || type === "set_image") {
    return { ok: true, message: value as ClientMessage };
  }
  return { ok: false, error: `invalid message: unknown type ${JSON.stringify(type)}` };
}

/** Why a `prompt` cannot be applied, or `undefined` when it can. */
export function promptProblem(message: { prompt?: unknown; enhance_prompt?: unknown }): string | undefined {
  if (typeof message.prompt !== "string" || message.prompt.trim() === "") return "prompt must be a non-empty string";
  if (message.enhance_prompt !== undefined && typeof message.enhance_prompt !== "boolean") {
    return "enhance_prompt must be a boolean";
  }
  return undefined;
}

/** Why a `set_image` cannot be applied, or `undefined` when it can. */
export function setImageProblem(message: Extract<ClientMessage, { type: "set_image" }>): string | undefined {
  const { image_data: data, image_ref: ref } = message;
  if (data !== undefined && data !== null && typeof data !== "string")
    return "image_data must be a base64 string or null";
  if (ref !== undefined && (typeof ref !== "string" || ref === "")) return "image_ref must be a non-empty string";
  if (data === undefined && ref === undefined) return "set_image needs image_data or image_ref";
  if (message.prompt !== undefined) return promptProblem(message);
  return undefined;
}

import { describe, expect, it } from "vitest";
import { createSignalingOnlyMediaPlane, EMULATOR_API_KEY, type Emulator } from "../src/index.js";
import { joinedStream } from "./stream-client.js";
import { postToken, useEmulator } from "./support.js";

async function watch(emulator: Emulator, room: string, apiKey: string | undefined) {
  const headers: Record<string, string> = { "content-type": "application/json", origin: "http://viewer.example" };
  if (apiKey) headers["x-api-key"] = apiKey;
  const response = await fetch(`${emulator.url}/watch-stream/${encodeURIComponent(room)}`, { method: "POST", headers });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  };
}

describe("POST /watch-stream/:room", () => {
  it("grants a view-only LiveKit token for a live room to a client token or a permanent key", async () => {
    const emulator = await useEmulator({ mediaPlane: createSignalingOnlyMediaPlane });
    const { json: token } = await postToken(emulator);
    const { client: stream, roomInfo: info } = await joinedStream(emulator, { apiKey: token.apiKey });
    for (const key of [token.apiKey, EMULATOR_API_KEY]) {
      const answer = await watch(emulator, info.room_name, key);
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({
        livekit_url: emulator.realtimeUrl,
        token: expect.any(String),
        room_name: info.room_name,
      });
      expect(answer.json.token).not.toBe(info.token);
      expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    }
    stream.close();
    await expect.poll(() => emulator.sessions[0]!.open).toBe(false);
    expect((await watch(emulator, info.room_name, token.apiKey)).status).toBe(404);
  });

  it("refuses missing, unknown and expired keys with 401, and rooms that never existed with 404", async () => {
    const emulator = await useEmulator({ mediaPlane: createSignalingOnlyMediaPlane });
    const { client: stream, roomInfo: info } = await joinedStream(emulator);
    expect((await watch(emulator, info.room_name, undefined)).status).toBe(401);
    expect((await watch(emulator, info.room_name, "ek_unknown")).status).toBe(401);
    const { json: shortLived } = await postToken(emulator, { body: { expiresIn: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await watch(emulator, info.room_name, shortLived.apiKey);
    expect(expired).toMatchObject({ status: 401, json: { detail: expect.stringMatching(/expired/) } });
    expect((await watch(emulator, "room_nope", EMULATOR_API_KEY)).status).toBe(404);
    stream.close();
  });

  it("answers the browser's preflight", async () => {
    const emulator = await useEmulator({ mediaPlane: createSignalingOnlyMediaPlane });
    const response = await fetch(`${emulator.url}/watch-stream/room_x`, {
      method: "OPTIONS",
      headers: {
        origin: "http://viewer.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,x-api-key",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-headers")).toBe("content-type,x-api-key");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { createSignalingOnlyMediaPlane, EMULATOR_API_KEY } from "../src/index.js";
import { recordingMediaPlane } from "./recording-media-plane.js";
import { joinedStream, StreamClient } from "./stream-client.js";
import { postToken, useEmulator } from "./support.js";

const signalingOnly = { mediaPlane: createSignalingOnlyMediaPlane };

afterEach(() => {
  vi.useRealTimers();
});

describe("a /v1/stream session", () => {
  it("answers livekit_join with livekit_room_info in the SDK's shape, then generation_started", async () => {
    const media = recordingMediaPlane();
    const emulator = await useEmulator({ mediaPlane: media.factory });
    const { client, roomInfo } = await joinedStream(emulator);
    const session = emulator.sessions[0]!;
    expect(roomInfo).toEqual({
      type: "livekit_room_info",
      livekit_url: emulator.realtimeUrl,
      token: expect.stringMatching(/.{16,}/),
      room_name: session.roomName,
      session_id: session.id,
    });
    expect(media.calls).toEqual([`open ${session.roomName} ${session.id}`]);
    await client.next("generation_started");
    expect(client.types().slice(0, 2)).toEqual(["livekit_room_info", "generation_started"]);
  });

  it("acks a prompt with the same text (how the SDK matches it) and records it", async () => {
    const emulator = await useEmulator(signalingOnly);
    const { client } = await joinedStream(emulator);
    client.send({ type: "prompt", prompt: "a watercolor fox", enhance_prompt: false });
    expect(await client.next("prompt_ack")).toEqual({ type: "prompt_ack", prompt: "a watercolor fox", success: true });
    expect(emulator.sessions[0]!.prompts).toEqual(["a watercolor fox"]);
  });

  it("acks an invalid prompt with success false and an error, recording nothing", async () => {
    const emulator = await useEmulator(signalingOnly);
    const { client } = await joinedStream(emulator);
    client.send({ type: "prompt", prompt: "  " });
    expect(await client.next("prompt_ack")).toEqual({
      type: "prompt_ack",
      prompt: "  ",
      success: false,
      error: "prompt must be a non-empty string",
    });
    expect(emulator.sessions[0]!.prompts).toEqual([]);
  });

  it("acks set_image (data, reference, clearing) and counts the images received", async () => {
    const emulator = await useEmulator(signalingOnly);
    const { client } = await joinedStream(emulator);
    const acks = async (message: object) => {
      const before = client.received.length;
      client.send(message);
      await expect.poll(() => client.received.length).toBeGreaterThan(before);
      return client.received[before];
    };
    const ok = { type: "set_image_ack", success: true };
    expect(
      await acks({ type: "set_image", image_data: "iVBORw0KGgo=", prompt: "in this style", enhance_prompt: true }),
    ).toEqual(ok);
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])]));
    const upload = await fetch(`${emulator.url}/v1/files`, {
      method: "POST",
      headers: { "x-api-key": EMULATOR_API_KEY },
      body: form,
    });
    const { id } = (await upload.json()) as { id: string };
    expect(await acks({ type: "set_image", image_ref: id })).toEqual(ok);
    expect(await acks({ type: "set_image", image_ref: "file_123" })).toMatchObject({
      success: false,
      error: expect.stringMatching(/image_ref not found/),
    });
    expect(await acks({ type: "set_image", image_data: null })).toEqual(ok);
    expect(await acks({ type: "set_image", image_data: 42 })).toMatchObject({
      success: false,
      error: expect.any(String),
    });
    expect(emulator.sessions[0]).toMatchObject({ images: 2, prompts: ["in this style"] });
  });

  it("accepts the SDK's initial prompt sent right after livekit_join, before the room exists", async () => {
    const emulator = await useEmulator({ ...signalingOnly, realtime: { roomInfoDelayMs: 200 } });
    const client = new StreamClient(emulator);
    await client.opened;
    client.send({ type: "livekit_join", passthrough: false });
    client.send({ type: "prompt", prompt: "initial", enhance_prompt: true });
    await client.next("livekit_room_info");
    expect(client.types().slice(0, 2)).toEqual(["prompt_ack", "livekit_room_info"]);
  });

  it("sends N queue_position messages before livekit_room_info", async () => {
    const emulator = await useEmulator({ ...signalingOnly, realtime: { queuePositions: 3, queueStepMs: 20 } });
    const { client } = await joinedStream(emulator);
    expect(client.received.slice(0, 4)).toEqual([
      { type: "queue_position", position: 3, queue_size: 3 },
      { type: "queue_position", position: 2, queue_size: 3 },
      { type: "queue_position", position: 1, queue_size: 3 },
      expect.objectContaining({ type: "livekit_room_info" }),
    ]);
  });

  it("waits roomInfoDelayMs before livekit_room_info", async () => {
    const emulator = await useEmulator({ ...signalingOnly, realtime: { roomInfoDelayMs: 300 } });
    const client = new StreamClient(emulator);
    await client.opened;
    const joinedAt = performance.now();
    client.join();
    await client.next("livekit_room_info");
    expect(performance.now() - joinedAt).toBeGreaterThanOrEqual(290);
  });

  it("sends generation_tick once a second with the seconds elapsed", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const emulator = await useEmulator(signalingOnly);
    const { client } = await joinedStream(emulator);
    await vi.advanceTimersByTimeAsync(999);
    expect(client.types()).not.toContain("generation_tick");
    await vi.advanceTimersByTimeAsync(2001);
    await expect
      .poll(() => client.received.filter((m) => m.type === "generation_tick"))
      .toEqual([
        { type: "generation_tick", seconds: 1 },
        { type: "generation_tick", seconds: 2 },
        { type: "generation_tick", seconds: 3 },
      ]);
  });

  it("ends at the token's maxSessionDuration: generation_ended, close, room closed", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const media = recordingMediaPlane();
    const emulator = await useEmulator({ mediaPlane: media.factory });
    const { json } = await postToken(emulator, { body: { constraints: { realtime: { maxSessionDuration: 10 } } } });
    const { client } = await joinedStream(emulator, { apiKey: json.apiKey });
    await vi.advanceTimersByTimeAsync(9000);
    expect(emulator.sessions[0]!.open).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await client.next("generation_ended")).toEqual({
      type: "generation_ended",
      seconds: 10,
      reason: "max_session_duration",
    });
    expect((await client.closed).code).toBe(1000);
    const session = emulator.sessions[0]!;
    expect(session).toMatchObject({ open: false, endReason: "max_session_duration" });
    expect(media.calls).toContain(`close ${session.roomName}`);
  });

  it("closing the control socket closes the room", async () => {
    const media = recordingMediaPlane();
    const emulator = await useEmulator({ mediaPlane: media.factory });
    const { client } = await joinedStream(emulator);
    client.close();
    await expect.poll(() => emulator.sessions[0]!.open).toBe(false);
    expect(emulator.sessions[0]!.endReason).toBe("client_closed");
    expect(media.calls.at(-1)).toBe(`close ${emulator.sessions[0]!.roomName}`);
  });

  it("a room closed on the media side closes the control socket", async () => {
    const media = recordingMediaPlane();
    const emulator = await useEmulator({ mediaPlane: media.factory });
    const { client, roomInfo } = await joinedStream(emulator);
    media.endRoomFromMediaSide(roomInfo.room_name);
    expect((await client.closed).code).toBe(1000);
    expect(emulator.sessions[0]).toMatchObject({ open: false, endReason: "room_closed" });
  });

  it("dropSession cuts the socket like a network loss (1006, no close frame) and closes the room", async () => {
    const media = recordingMediaPlane();
    const emulator = await useEmulator({ mediaPlane: media.factory });
    const { client } = await joinedStream(emulator);
    const { id, roomName } = emulator.sessions[0]!;
    emulator.dropSession(id);
    expect((await client.closed).code).toBe(1006);
    expect(emulator.sessions[0]).toMatchObject({ open: false, endReason: "dropped" });
    expect(media.calls).toContain(`close ${roomName}`);
    expect(() => emulator.dropSession("sess_nope")).toThrow(/no session/);
  });

  it("answers a frame the SDK never sends with an error message", async () => {
    const emulator = await useEmulator(signalingOnly);
    const { client } = await joinedStream(emulator);
    client.send({ type: "subscribe" });
    expect(await client.next("error")).toEqual({ type: "error", error: 'invalid message: unknown type "subscribe"' });
  });

  it("close() ends every open session and frees the port", async () => {
    const emulator = await useEmulator(signalingOnly);
    const { client } = await joinedStream(emulator);
    await emulator.close();
    expect((await client.closed).code).toBe(1006);
    expect(emulator.sessions[0]).toMatchObject({ open: false, endReason: "emulator_closed" });
  });
});

import { randomBytes } from "node:crypto";

/** LiveKit-style identifiers: a type prefix (`PA_` participant, `TR_` track, `RM_` room) and a random tail. */
export function newSid(prefix: "PA" | "TR" | "RM"): string {
  return `${prefix}_${randomBytes(9).toString("base64url")}`;
}

/** An opaque room token: long, random and unguessable, which is all the emulator needs from a LiveKit JWT. */
export function newRoomToken(): string {
  return `lkemu_${randomBytes(24).toString("base64url")}`;
}

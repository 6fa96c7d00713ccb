// `pnpm bench:viewers`: the emulator's fan-out (viewers of one session at the publisher's frame rate), measured with
// Chromium inside a loopback-only network namespace, since it opens WebRTC peer connections.
import { runOnLoopbackOnly } from "./lib/loopback.mjs";

await runOnLoopbackOnly(
  "pnpm",
  ["exec", "tsx", "--conditions=@decart-kit/source", "packages/emulator/bench/viewers.ts"],
  { label: "emulator fan-out benchmark" },
);

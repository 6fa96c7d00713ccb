// `pnpm bench:hook`: the hook's speed figures (packages/react/bench/first-frame.ts) in real Chromium, inside a
// loopback-only network namespace like every WebRTC test.
import { runOnLoopbackOnly } from "./lib/loopback.mjs";

await runOnLoopbackOnly(
  "pnpm",
  ["exec", "tsx", "--conditions=@decart-kit/source", "packages/react/bench/first-frame.ts"],
  {
    label: "hook speed: first remote frame and recovery (Chromium, emulator)",
  },
);

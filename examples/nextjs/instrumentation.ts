// Runs once when the Next.js server starts. Without DECART_API_KEY it starts the local emulator in this process
// (token API, signaling, media) and points the token route and the page at it.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.DECART_API_KEY) return;
  const { EMULATOR_API_KEY, startEmulator } = await import("@decart-kit/emulator");
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
  process.env.DECART_API_KEY = EMULATOR_API_KEY;
  process.env.DECART_BASE_URL = emulator.url;
  process.env.DECART_REALTIME_URL = emulator.realtimeUrl;
  console.log(`  Sessions run on the local emulator (${emulator.url}): no DECART_API_KEY set, it echoes your camera.`);
}

import { afterEach } from "vitest";
import { EMULATOR_API_KEY, type Emulator, type EmulatorOptions, startEmulator } from "../src/index.js";

const running = new Set<Emulator>();

afterEach(async () => {
  await Promise.all([...running].map((emulator) => emulator.close()));
  running.clear();
});

/** An emulator on a free loopback port, closed after the current test. */
export async function useEmulator(options?: EmulatorOptions): Promise<Emulator> {
  const emulator = await startEmulator(options);
  running.add(emulator);
  return emulator;
}

/** What the tests read from a token answer (success or `{ detail }`), unchecked: assertions check it. */
export interface TokenBody {
  apiKey: string;
  expiresAt: string;
  detail: string;
  permissions?: unknown;
  constraints?: unknown;
}

export interface TokenCall {
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  signal?: AbortSignal;
}

/** `POST /v1/client/tokens` over real HTTP, as Decart's SDK sends it. */
export async function postToken(emulator: Emulator, call: TokenCall = {}) {
  const { key = EMULATOR_API_KEY, body = {}, rawBody, signal } = call;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key !== null) headers["x-api-key"] = key;
  const response = await fetch(`${emulator.url}/v1/client/tokens`, {
    method: "POST",
    headers,
    body: rawBody ?? JSON.stringify(body),
    signal,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as TokenBody };
}

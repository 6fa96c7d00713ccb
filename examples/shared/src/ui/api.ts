/** The signed-in visitor of the demo app. */
export interface DemoUser {
  id: string;
  name: string;
}

/** What `createDecartClient` needs besides the token: the emulator's URLs, or nothing for Decart. */
export interface ClientOptions {
  baseUrl?: string;
  realtimeBaseUrl?: string;
  telemetry?: boolean;
}

/** `GET /api/session`: who is signed in, which models the policy allows, where sessions run. */
export interface PageConfig {
  user: DemoUser | null;
  backend: "decart" | "emulator";
  models: string[];
  clientOptions: ClientOptions;
}

async function expectOk(response: Response): Promise<Response> {
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}`);
  return response;
}

export async function fetchPageConfig(signal?: AbortSignal): Promise<PageConfig> {
  const response = await expectOk(await fetch("/api/session", { signal, cache: "no-store" }));
  return (await response.json()) as PageConfig;
}

export async function signIn(name: string): Promise<void> {
  await expectOk(
    await fetch("/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name }),
    }),
  );
}

export async function signOut(): Promise<void> {
  await expectOk(await fetch("/logout", { method: "POST" }));
}

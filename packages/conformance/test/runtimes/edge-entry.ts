import { handle, type RuntimeEnv } from "./routes";

// edge-runtime runs service-worker style scripts; the host puts the environment on a global.
declare const RUNTIME_ENV: RuntimeEnv;
declare function addEventListener(
  type: "fetch",
  listener: (event: { request: Request; respondWith(response: Promise<Response> | Response): void }) => void,
): void;

addEventListener("fetch", (event) => event.respondWith(handle(event.request, RUNTIME_ENV)));

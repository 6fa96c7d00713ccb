// @vitest-environment node
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

// The real SDK this time: importing it must not touch the browser either.
vi.unmock("@decartai/sdk");

let kit: typeof import("../src/index");

function Page() {
  const { status, remoteStream } = kit.useDecartRealtime({ model: "lucy-2.1", prompt: "anime" });
  return createElement("main", { "data-status": status }, createElement(kit.RealtimeVideo, { stream: remoteStream }));
}

const BROWSER_GLOBALS = ["window", "navigator", "document", "localStorage", "sessionStorage"] as const;

describe("server rendering (10)", () => {
  it("renders on the server without touching window or navigator", async () => {
    // The SDK's own import-time feature checks (zod's `typeof navigator`) are guarded and not ours to police.
    await import("@decartai/sdk");
    const touched: string[] = [];
    const saved = BROWSER_GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
    for (const name of BROWSER_GLOBALS) {
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() {
          touched.push(name);
          return undefined;
        },
      });
    }
    try {
      kit = await import("../src/index");
      const html = renderToString(createElement(Page));
      expect(html).toContain('data-status="idle"');
      expect(html).toContain("<video");
      expect(html.toLowerCase()).toContain("playsinline");
    } finally {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else delete (globalThis as Record<string, unknown>)[name];
      }
    }
    expect(touched).toEqual([]);
  });
});

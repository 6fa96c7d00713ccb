import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const tsx = createRequire(import.meta.url).resolve("tsx");
const cli = join(import.meta.dirname, "..", "src", "cli.ts");

describe("decart-emulator CLI", () => {
  it("prints the base URL, the realtime URL and the key, serves tokens, and exits on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", tsx, cli, "--port", "0", "--api-key", "cli-test-key"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      let output = "";
      child.stdout.setEncoding("utf8");
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: string) => {
          output += chunk;
          if (output.includes("apiKey")) resolve();
        });
        child.once("exit", () => reject(new Error(`CLI exited early: ${output}`)));
      });
      const baseUrl = /baseUrl:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      const realtimeUrl = /realtimeBaseUrl:\s+(ws:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      expect(output).toContain("cli-test-key");
      expect(realtimeUrl).toBe(baseUrl?.replace("http:", "ws:"));
      const response = await fetch(`${baseUrl}/v1/client/tokens`, {
        method: "POST",
        headers: { "x-api-key": "cli-test-key", "content-type": "application/json" },
        body: "{}",
      });
      expect(response.status).toBe(200);
      const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("rejects a bad port with a usage line", async () => {
    const child = spawn(process.execPath, ["--import", tsx, cli, "--port", "http"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/--port must be 0-65535[\s\S]*Usage: decart-emulator/);
  });
});

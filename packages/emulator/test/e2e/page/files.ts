import { createDecartClient, models } from "@decartai/sdk";
import type { PageConfig, PageHelpers } from "./config";

async function pngOfSize(width: number, height: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext("2d")!;
  context.fillStyle = "#c33";
  context.fillRect(0, 0, width, height);
  return canvas.convertToBlob({ type: "image/png" });
}

/**
 * A page uploading a reference image with a client token, as an app on its own origin would, then using it by id:
 * in the initial state, in `set()`, and after deleting it (refused).
 */
export async function runFiles(config: PageConfig, { report, fetchToken, showRemoteStream }: PageHelpers) {
  const steps: string[] = [];
  report.fileSteps = steps;
  const token = await fetchToken(config);
  const decart = createDecartClient({
    apiKey: token,
    baseUrl: config.baseUrl,
    realtimeBaseUrl: config.realtimeBaseUrl,
    telemetry: false,
  });
  const outcome = async (label: string, step: () => Promise<unknown>) => {
    try {
      steps.push(`${label}: ok ${JSON.stringify((await step()) ?? null)}`);
    } catch (error) {
      steps.push(`${label}: ${(error as { code?: string }).code ?? "error"} ${(error as Error).message}`);
    }
  };
  const reference = await decart.files.upload(new File([await pngOfSize(64, 64)], "style.png"));
  steps.push(`upload: ${reference.id} ${reference.mime_type} ${reference.filename}`);
  await outcome("get", () => decart.files.get(reference.id).then((file) => file.id));
  const camera = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
  const client = await decart.realtime.connect(camera, {
    model: models.realtime(config.model as "lucy-2.5"),
    onRemoteStream: showRemoteStream,
    initialState: { image: reference.id, prompt: { text: "in this style", enhance: false } },
  });
  client.on("error", (error) => report.errors.push(`${error.code}: ${error.message}`));
  report.connected = true;
  await outcome("set", () => client.set({ image: reference.id, prompt: "again" }));
  await outcome("delete", () => decart.files.delete(reference.id));
  await outcome("set after delete", () => client.set({ image: reference.id }));
  await outcome("get after delete", () => decart.files.get(reference.id));
  client.disconnect();
  steps.push("done");
}

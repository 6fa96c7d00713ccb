import type { IncomingMessage, ServerResponse } from "node:http";
import { type AccountRules, accountOf } from "../accounts.js";
import { applyCors } from "../cors.js";
import { sendDetail, sendJson } from "../http.js";
import { sniffImageType } from "./image-type.js";
import type { FileStore } from "./store.js";

export const FILES_PATH = "/v1/files";

/** Largest image accepted; a reference image is a photo, not a video. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Room for the multipart boundaries and the `ttl_seconds` field around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const DEFAULT_TTL_S = 24 * 60 * 60;
const MIN_TTL_S = 60;
const MAX_TTL_S = 30 * 24 * 60 * 60;

export interface FilesRouteContext extends AccountRules {
  files: FileStore;
}

/** `POST /v1/files`, `GET|DELETE /v1/files/:id` as the SDK's `files` client calls them, from servers or pages. */
export async function handleFilesRequest(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  ctx: FilesRouteContext,
) {
  const id = path === FILES_PATH ? undefined : decodeURIComponent(path.slice(FILES_PATH.length + 1));
  if (applyCors(req, res, id === undefined ? "POST" : "GET, DELETE")) return;
  const allowed = id === undefined ? ["POST"] : ["GET", "DELETE"];
  if (!allowed.includes(req.method ?? "")) return sendDetail(res, 405, "Method Not Allowed");
  const account = accountOf(req.headers["x-api-key"], ctx);
  if (!account.ok) return sendDetail(res, 401, account.detail);
  if (id === undefined) return upload(req, res, account.owner, ctx);
  if (req.method === "GET") {
    const file = ctx.files.find(id, account.owner);
    return file ? sendJson(res, 200, file) : sendDetail(res, 404, `File not found: ${id}`);
  }
  if (!ctx.files.delete(id, account.owner)) return sendDetail(res, 404, `File not found: ${id}`);
  res.writeHead(204, { "content-length": "0" }).end();
}

async function upload(req: IncomingMessage, res: ServerResponse, owner: string, ctx: FilesRouteContext) {
  const contentType = req.headers["content-type"] ?? "";
  if (!contentType.startsWith("multipart/form-data")) {
    return sendDetail(res, 415, "Upload the image as multipart/form-data with a `file` field");
  }
  const body = await readAtMost(req, MAX_FILE_BYTES + MULTIPART_OVERHEAD_BYTES);
  if (!body) return tooLarge(res);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    return sendDetail(res, 400, "The multipart body could not be parsed");
  }
  const file = form.get("file");
  if (!(file instanceof Blob)) return sendDetail(res, 400, "Missing `file` field in the multipart body");
  if (file.size > MAX_FILE_BYTES) return tooLarge(res);
  const ttl = parseTtl(form.get("ttl_seconds"));
  if (ttl === undefined) {
    return sendDetail(res, 400, `ttl_seconds must be an integer from ${MIN_TTL_S} to ${MAX_TTL_S} or "persistent"`);
  }
  const mimeType = sniffImageType(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
  if (!mimeType) return sendDetail(res, 415, "Only images can be uploaded (PNG, JPEG, WebP or GIF)");
  const filename = file instanceof File && file.name && file.name !== "blob" ? file.name : null;
  sendJson(res, 200, ctx.files.add({ owner, filename, mimeType, sizeBytes: file.size, ttl }));
}

function parseTtl(value: FormDataEntryValue | null): number | "persistent" | undefined {
  if (value === null) return DEFAULT_TTL_S;
  if (value === "persistent") return "persistent";
  if (typeof value !== "string" || !/^\d+$/.test(value)) return undefined;
  const seconds = Number(value);
  return seconds >= MIN_TTL_S && seconds <= MAX_TTL_S ? seconds : undefined;
}

function tooLarge(res: ServerResponse): void {
  // The rest of an oversized body is not read: close the connection rather than drain it.
  res.setHeader("connection", "close");
  sendDetail(res, 413, `File too large: the limit is ${MAX_FILE_BYTES / (1024 * 1024)} MiB`);
}

/** The whole body, or `undefined` as soon as it exceeds `limit` bytes. */
function readAtMost(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        resolve(undefined);
      } else chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

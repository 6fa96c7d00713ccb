import { randomBytes } from "node:crypto";

/** What `GET /v1/files/:id` and the upload answer: the SDK's `FileReference`. */
export interface FileReference {
  id: string;
  filename: string | null;
  mime_type: string;
  size_bytes: number;
  created_at: string;
  /** `null` for a `"persistent"` upload. */
  expires_at: string | null;
}

interface StoredFile {
  reference: FileReference;
  /** The account (permanent key) the file belongs to; never reported. */
  owner: string;
  expiresAtMs: number;
}

export interface NewFile {
  owner: string;
  filename: string | null;
  mimeType: string;
  sizeBytes: number;
  /** Seconds, or `"persistent"`. */
  ttl: number | "persistent";
}

/**
 * Uploaded images, per account. Only metadata is kept: the emulated model never looks at the pixels, and a test
 * uploading many images should not grow the process.
 */
export class FileStore {
  readonly #files = new Map<string, StoredFile>();

  add(file: NewFile, now = Date.now()): FileReference {
    const expiresAtMs = file.ttl === "persistent" ? Number.POSITIVE_INFINITY : now + file.ttl * 1000;
    const reference: FileReference = {
      id: `file_${randomBytes(12).toString("hex")}`,
      filename: file.filename,
      mime_type: file.mimeType,
      size_bytes: file.sizeBytes,
      created_at: new Date(now).toISOString(),
      expires_at: file.ttl === "persistent" ? null : new Date(expiresAtMs).toISOString(),
    };
    this.#files.set(reference.id, { reference, owner: file.owner, expiresAtMs });
    return { ...reference };
  }

  /** The file if it exists, has not expired and belongs to `owner`; another account's file is as good as absent. */
  find(id: string, owner: string, now = Date.now()): FileReference | undefined {
    const file = this.#files.get(id);
    if (!file || file.owner !== owner) return undefined;
    if (file.expiresAtMs <= now) {
      this.#files.delete(id);
      return undefined;
    }
    return { ...file.reference };
  }

  /** Deletes `owner`'s file; `false` when there was none to delete. */
  delete(id: string, owner: string): boolean {
    if (!this.find(id, owner)) return false;
    return this.#files.delete(id);
  }
}

import type { Database } from "../../platform/db/client.js";
import { HsdsSourceError, importHsds, sourceFromFiles, type HsdsImportReport } from "./hsds-import.service.js";

/** The whole request body (every file together) may not exceed this. */
export const HSDS_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
/** A tabular package has about twenty CSV files; leave room, but not for a folder of anything. */
export const HSDS_UPLOAD_MAX_FILES = 60;
/** The form field holding the files. */
export const HSDS_UPLOAD_FIELD = "files";

export type HsdsUploadError =
  | "notMultipart" | "tooLarge" | "unreadable" | "noFiles" | "tooManyFiles" | "fileType" | "encoding" | "source";

export type HsdsUploadResult =
  | { ok: true; files: string[]; report: HsdsImportReport }
  /** error is a key under hsds.upload.errors; detail (the file name or the parser's message) is shown next to it. */
  | { ok: false; status: 400 | 413; error: HsdsUploadError; detail?: string };

export interface HsdsUploadOptions {
  maxBytes?: number;
  maxFiles?: number;
}

/**
 * Reads a stream keeping at most `limit` bytes; null when it goes over. The excess is read and
 * dropped (so the client, still sending, gets the 413 instead of a reset connection) up to
 * DRAIN_FACTOR times the limit, then the stream is cancelled.
 */
const DRAIN_FACTOR = 8;
async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit * DRAIN_FACTOR) {
      await reader.cancel().catch(() => {});
      return null;
    }
    if (size <= limit) chunks.push(value);
  }
  if (size > limit) return null;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const fail = (status: 400 | 413, error: HsdsUploadError, detail?: string): HsdsUploadResult => ({ ok: false, status, error, ...(detail ? { detail } : {}) });

/**
 * Imports HSDS data uploaded from a multipart form: one JSON file (an array of HSDS 3.0 service
 * objects) or the files of a tabular data package (datapackage.json and the CSVs). The body is
 * read at most up to the size limit; anything wrong with the upload itself is a 400/413 with an
 * error key and nothing is written; bad records are reported by importHsds while the rest goes in.
 */
export async function importHsdsUpload(db: Database, request: Request, opts: HsdsUploadOptions = {}): Promise<HsdsUploadResult> {
  const maxBytes = opts.maxBytes ?? HSDS_UPLOAD_MAX_BYTES;
  const maxFiles = opts.maxFiles ?? HSDS_UPLOAD_MAX_FILES;
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return fail(400, "notMultipart");
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) return fail(413, "tooLarge");

  const body = await readLimited(request.body, maxBytes);
  if (!body) return fail(413, "tooLarge");
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    return fail(400, "unreadable");
  }

  const uploads = form.getAll(HSDS_UPLOAD_FIELD).filter((v): v is File => typeof v !== "string" && v.name !== "" && v.size > 0);
  if (!uploads.length) return fail(400, "noFiles");
  if (uploads.length > maxFiles) return fail(400, "tooManyFiles", String(maxFiles));
  const files: Record<string, string> = {};
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (const file of uploads) {
    const name = file.name.split(/[\\/]/).pop()!;
    if (!/\.(json|csv)$/i.test(name)) return fail(400, "fileType", name.slice(0, 200));
    try {
      files[name] = decoder.decode(await file.arrayBuffer());
    } catch {
      return fail(400, "encoding", name.slice(0, 200));
    }
  }

  try {
    const report = await importHsds(db, sourceFromFiles(files));
    return { ok: true, files: Object.keys(files), report };
  } catch (err) {
    if (err instanceof HsdsSourceError) return fail(400, "source", err.message.slice(0, 500));
    throw err;
  }
}

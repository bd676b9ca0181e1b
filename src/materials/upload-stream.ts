import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Request } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import { fieldError } from '../errors/index.ts';
import { HttpError, malformed, validationFailed } from '../http/problem.ts';
import { sanitiseFileName } from './file-names.ts';
import type { MaterialItem } from './types.ts';

/** A file received whole, hashed and judged, waiting in a temporary file to be stored. */
export interface ReceivedFile {
  code: string;
  item: MaterialItem;
  fileName: string;
  tempFile: string;
  sha256: string;
  bytes: number;
  mediaType: string;
}

/** What the upload is judged against: the case's catalog. */
export interface UploadRules {
  /** The catalog item of a code; a refusal (`not-in-catalog`) when the catalog has none. */
  itemFor(code: string): MaterialItem;
  /** The largest `maxBytes` of the catalog: the bound for a file sent before its `code`. */
  largest: number;
}

// Enough of the head for file-type to recognise every type it knows.
const SNIFF_BYTES = 4100;

/**
 * Receives `multipart/form-data` with the fields `code` and `file`, streamed: the file goes through SHA-256
 * and a byte count into a temporary file (fsynced), never whole in memory, and its type is sniffed from its
 * first bytes (file-type), not taken from its name or the part's header. Every refusal removes the temporary
 * file: nothing is stored. Send `code` first so that an oversized file is refused as soon as it passes the
 * item's limit; a file sent first is bounded by the catalog's largest limit and judged at its end.
 */
export async function receiveUpload(
  req: Request,
  tempDir: string,
  rules: UploadRules,
): Promise<ReceivedFile> {
  const tempFile = path.join(tempDir, `upload-${randomUUID()}`);
  try {
    return await receive(req, tempFile, rules);
  } catch (error) {
    await fs.promises.rm(tempFile, { force: true });
    await drain(req);
    throw error;
  }
}

/** How much of a refused body is read and thrown away so that the client, still sending, gets the answer. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * Reads the rest of a refused body into nothing, so that the refusal reaches a client still sending (an
 * answer sent mid-body makes Node close the connection under the client's feet); past {@link DRAIN_LIMIT}
 * the connection is cut instead.
 */
function drain(req: Request): Promise<void> {
  req.unpipe();
  if (req.complete || req.destroyed) return Promise.resolve();
  return new Promise<void>((resolve) => {
    let drained = 0;
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAIN_LIMIT) req.destroy();
    });
    req.once('end', () => resolve());
    req.once('close', () => resolve());
    req.resume();
  });
}

function receive(req: Request, tempFile: string, rules: UploadRules): Promise<ReceivedFile> {
  return new Promise<ReceivedFile>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 4, fieldSize: 256, parts: 6, fileSize: rules.largest + 1 },
        defParamCharset: 'utf8',
      });
    } catch (error) {
      reject(
        new HttpError(400, 'malformed-request', 'not-multipart', {}, undefined, {
          detail: `the body is not multipart/form-data with a boundary: ${(error as Error).message}`,
        }),
      );
      return;
    }
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    let code: string | undefined;
    let filePart: Promise<Omit<ReceivedFile, 'code' | 'item'>> | undefined;
    let fileItem: MaterialItem | undefined;

    parser.on('field', (name, value) => {
      if (name === 'code' && code === undefined) code = value.trim();
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume();
        fail(malformed('file-part-name'));
        return;
      }
      try {
        // The item decides the limit when its code came first; else the catalog's largest.
        fileItem = code !== undefined ? rules.itemFor(code) : undefined;
      } catch (error) {
        stream.resume();
        fail(error);
        return;
      }
      filePart = writeFile(stream, tempFile, fileItem?.maxBytes ?? rules.largest, info.filename);
      filePart.catch(fail);
    });
    parser.on('partsLimit', () => fail(malformed('two-parts')));
    parser.on('filesLimit', () => fail(malformed('one-file')));
    parser.on('fieldsLimit', () => fail(malformed('two-parts')));
    parser.on('error', (error: Error) =>
      fail(
        new HttpError(400, 'malformed-request', 'multipart-broken', {}, undefined, {
          detail: `the multipart body is broken: ${error.message}`,
        }),
      ),
    );
    parser.on('close', () => {
      void (async () => {
        if (settled) return;
        if (!filePart) throw malformed('no-file-part');
        const file = await filePart;
        if (!code) throw validationFailed('name-catalog-item', {}, [fieldError('/code', 'required')]);
        const item = fileItem ?? rules.itemFor(code);
        if (file.bytes > item.maxBytes) throw tooLarge(item);
        if (file.bytes === 0) throw new HttpError(422, 'empty-file', 'empty-file');
        if (!item.mediaTypes.includes(file.mediaType)) {
          throw new HttpError(415, 'unsupported-media-type', 'file-type-not-taken', {
            material: item.code,
            allowed: item.mediaTypes,
            mediaType: file.mediaType,
          });
        }
        settled = true;
        resolve({ ...file, code, item });
      })().catch(fail);
    });
    req.on('aborted', () => fail(malformed('body-cut-off')));
    req.pipe(parser);
  });
}

function tooLarge(item: MaterialItem): HttpError {
  return new HttpError(413, 'payload-too-large', 'file-too-large', {
    material: item.code,
    max: item.maxBytes,
  });
}

/** Streams one part into the temporary file: hashed, counted and bounded on the way, fsynced at the end. */
async function writeFile(
  stream: Readable,
  tempFile: string,
  limit: number,
  rawName: string | undefined,
): Promise<Omit<ReceivedFile, 'code' | 'item'>> {
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > limit) {
        done(new HttpError(413, 'payload-too-large', 'file-over-limit', { limit }));
        return;
      }
      hash.update(chunk);
      if (headBytes < SNIFF_BYTES) {
        head.push(chunk.subarray(0, SNIFF_BYTES - headBytes));
        headBytes += Math.min(chunk.length, SNIFF_BYTES - headBytes);
      }
      done(null, chunk);
    },
  });
  // busboy truncates at its own bound; the meter has refused before that.
  stream.on('limit', () =>
    meter.destroy(new HttpError(413, 'payload-too-large', 'file-over-limit', { limit })),
  );
  const out = fs.createWriteStream(tempFile, { flags: 'wx' });
  try {
    await pipeline(stream, meter, out);
  } catch (error) {
    stream.resume();
    throw error;
  }
  // Durable before it is renamed into place or copied into the database.
  const handle = await fs.promises.open(tempFile, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  const sniffed = await fileTypeFromBuffer(Buffer.concat(head));
  return {
    fileName: sanitiseFileName(rawName),
    tempFile,
    sha256: hash.digest('hex'),
    bytes,
    mediaType: sniffed?.mime ?? 'application/octet-stream',
  };
}

import { pipeline } from 'node:stream/promises';
import { caseOf, visibleCase } from '../cases/index.ts';
import type { HttpContext } from '../http/context.ts';
import { HttpError, notFound } from '../http/problem.ts';
import { param } from '../http/request.ts';
import { defineRoute } from '../openapi/define-route.ts';
import { byteRange } from './byte-range.ts';
import { attachmentDisposition } from './file-names.ts';
import { materialOf } from './material-store.ts';

/** The stored type of the file: any the catalogs take (the seeded ones take these). */
const FILE = ['application/pdf', 'image/jpeg', 'image/png', 'image/vnd.dwg', 'application/octet-stream'].map(
  (mediaType) => ({ mediaType, schema: { type: 'string', contentMediaType: mediaType } }),
);

/** `GET …/materials/{mid}/content`: the file, to whoever may see the case, whole or one range. */
export const downloadRoute = defineRoute<HttpContext>({
  method: 'get',
  path: '/api/v1/applications/{id}/materials/{mid}/content',
  operationId: 'downloadMaterial',
  summary: "Download a material's file",
  description:
    'Whoever may see the case (clerks of its departments, the applicant, agents in scope, auditors). The stored type with `X-Content-Type-Options: nosniff`, `Content-Disposition: attachment` (RFC 6266 `filename*`), `ETag` = the SHA-256 (`If-None-Match` answers 304), and one HTTP range (`Range: bytes=…`, 206; outside the file 416). A cited licence has no file (404).',
  tag: 'Materials',
  access: 'bearer',
  responses: {
    200: {
      description: 'The whole file.',
      content: FILE,
      headers: ['Content-Disposition', 'ETag', 'Accept-Ranges'],
    },
    206: {
      description: 'The range asked for.',
      content: FILE,
      headers: ['Content-Disposition', 'ETag', 'Accept-Ranges', 'Content-Range'],
    },
    304: { description: 'Not modified: the `If-None-Match` names this file.' },
  },
  problems: [404, 416],
  before: (ctx) => [visibleCase(ctx)],
  handler: (ctx) => async (req, res) => {
    const material = await materialOf(ctx.db.knex, caseOf(res).id, param(req, 'mid'));
    if (!material) throw notFound('no-material', { id: param(req, 'mid') });
    if (!material.sha256 || material.bytes === null) {
      throw notFound('material-has-no-file', { id: material.id, licence: material.licence });
    }
    const size = material.bytes;
    const etag = `"${material.sha256}"`;
    res.set({
      ETag: etag,
      'Accept-Ranges': 'bytes',
      'Content-Disposition': attachmentDisposition(material.fileName ?? `${material.code}`),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-cache',
    });
    const ifNoneMatch = req.get('if-none-match');
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
      res.status(304).end();
      return;
    }
    // A range is honoured only against this very file (If-Range naming another one gets it whole).
    const ifRange = req.get('if-range');
    const range = ifRange && ifRange !== etag ? null : byteRange(req.get('range'), size);
    if (range === 'unsatisfiable') {
      res.set('Content-Range', `bytes */${size}`);
      throw new HttpError(416, 'range-not-satisfiable', 'range-outside-file', { size });
    }
    const stream = await ctx.materials.blobs.read(material.sha256, range ?? undefined);
    if (!stream)
      throw new Error(`the file of material ${material.id} (${material.sha256}) is missing from storage`);
    res.type(material.mediaType ?? 'application/octet-stream');
    if (range) {
      res.status(206).set({
        'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
        'Content-Length': String(range.end - range.start + 1),
      });
    } else {
      res.status(200).set('Content-Length', String(size));
    }
    try {
      await pipeline(stream, res);
    } catch (error) {
      // Once the first bytes are out, a failure (the client went away) can only cut the answer short.
      if (!res.headersSent) throw error;
      res.destroy();
    }
  },
});

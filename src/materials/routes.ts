import type { Request, Response, Router } from 'express';
import type { Principal } from '../auth/principal.ts';
import { accessOf, caseOf, onBehalfOf, visibleCase } from '../cases/index.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import { fieldError, NotInCatalogError } from '../errors/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, HttpError, notFound, validationFailed } from '../http/problem.ts';
import { actorOf, jsonBody, param, parseBody, principalOf } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { itemsOf, json } from '../openapi/route-table.ts';
import { catalogForCase } from './case-catalog.ts';
import { demandsOf } from './case-demands.ts';
import { demandEntriesOf } from './case-rules.ts';
import { addMaterial, checkWindow, handInWindow, removeMaterial, type NewMaterial } from './hand-in.ts';
import { citeLicence, reuseMaterial } from './references.ts';
import { materialOf, materialsOf } from './material-store.ts';
import type { MaterialCatalog, MaterialItem } from './types.ts';
import { receiveUpload } from './upload-stream.ts';
import { materialView } from './view.ts';
import { downloadRoute } from './content-route.ts';

const MATERIALS = '/api/v1/applications/{id}/materials';

/** Only the enterprise, or an agent acting for it in scope, hands in and removes its papers. */
function mayHandIn(principal: Principal, res: Response): void {
  if (principal.role !== 'applicant' && principal.role !== 'agent') {
    throw forbidden('materials-by-enterprise');
  }
  if (accessOf(res) !== 'act') throw forbidden('case-read-only');
}

/** The item of a code in the case's catalog, or `not-in-catalog`. */
function itemOf(catalog: MaterialCatalog, code: string, pointer = '/code'): MaterialItem {
  const item = catalog.items.find((i) => i.code === code);
  if (!item) throw new NotInCatalogError(code, catalog.workflow, catalog.version, pointer);
  return item;
}

const uploadRoute = defineRoute<HttpContext>({
  method: 'post',
  path: MATERIALS,
  operationId: 'addMaterial',
  summary: 'Hand in a material',
  description:
    "Applicant or agent in scope, while the case is a draft, supplementing, or has that item pledged (409 otherwise). multipart/form-data with `code` then `file`: streamed, hashed, its type sniffed from the content. Or JSON `{code, reuse}` (a material of the same enterprise's other case, no copy) or `{code, licence}` (an electronic licence of a type the item lists, checked live). Refusals store nothing: a code not in the case's catalog 422 `not-in-catalog`, a type the item does not take 415, over `maxBytes` 413, an empty file 422 `empty-file`. Recorded as `MATERIAL_ADDED` in the case's history; completing an open pledge sends SUPPLEMENT.",
  tag: 'Materials',
  access: 'bearer',
  body: {
    schema: 'material-submission',
    validation: 'route',
    mediaTypes: ['multipart/form-data', 'application/json'],
  },
  responses: {
    201: { description: 'The material, added.', content: json('material'), headers: ['Location'] },
  },
  problems: [403, 404, 409, 415, 422],
  before: (ctx) => [visibleCase(ctx)],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    mayHandIn(principal, res);
    const app = caseOf(res);
    const catalog = await catalogForCase(ctx.db, app);
    // Judged before a byte is read, and again with the case locked when the material is added.
    const window = handInWindow(app, demandsOf(await demandEntriesOf(ctx.db, app.id)));
    if (window.open === 'none') checkWindow(app, window, '', 'MATERIAL_ADDED');
    const accepts = (code: string) => checkWindow(app, window, code, 'MATERIAL_ADDED');
    const who = { uploadedBy: principal.sub, onBehalfOf: onBehalfOf(principal, app) };
    let material: NewMaterial;
    if (req.is('multipart/form-data')) {
      material = await received(ctx, req, catalog, accepts, who);
    } else if (req.is('application/json')) {
      material = await referenced(ctx, req, res, app, catalog, who);
      accepts(material.code);
    } else {
      throw new HttpError(415, 'unsupported-media-type', 'material-body-type');
    }
    const added = await addMaterial(ctx, app, material, actorOf(principal));
    res
      .status(201)
      .location(`/api/v1/applications/${app.id}/materials/${added.id}`)
      .json(materialView(added));
  },
});

/** A streamed upload, stored once its checks pass; the temporary file is gone either way. */
async function received(
  ctx: HttpContext,
  req: Request,
  catalog: MaterialCatalog,
  accepts: (code: string) => void,
  who: { uploadedBy: string; onBehalfOf: string | null },
): Promise<NewMaterial> {
  const { blobs } = ctx.materials;
  const file = await receiveUpload(req, blobs.tempDir, {
    itemFor: (code) => {
      const item = itemOf(catalog, code);
      accepts(code);
      return item;
    },
    largest: Math.max(...catalog.items.map((i) => i.maxBytes)),
  });
  await blobs.put(file.tempFile, file.sha256, file.bytes);
  return {
    code: file.code,
    fileName: file.fileName,
    mediaType: file.mediaType,
    bytes: file.bytes,
    sha256: file.sha256,
    licence: null,
    reusedFrom: null,
    ...who,
  };
}

/** `{code, reuse}` or `{code, licence}`: nothing is uploaded. */
async function referenced(
  ctx: HttpContext,
  req: Request,
  res: Response,
  app: ApplicationRecord,
  catalog: MaterialCatalog,
  who: { uploadedBy: string; onBehalfOf: string | null },
): Promise<NewMaterial> {
  // The JSON body parsers every route uses, run here since this route also takes multipart bodies.
  for (const handler of jsonBody()) {
    await new Promise<void>((resolve, reject) => {
      void handler(req, res, (error?: unknown) => (error ? reject(error) : resolve()));
    });
  }
  const body = parseBody<{ code: string; reuse?: string; licence?: string }>('material-submission', req.body);
  const item = itemOf(catalog, body.code);
  if (body.reuse !== undefined) return reuseMaterial(ctx.db, app, item, body.reuse, who);
  if (body.licence !== undefined) return citeLicence(ctx.materials.licences, app, item, body.licence, who);
  throw validationFailed('name-what-to-attach', {}, [fieldError('/reuse', 'reuse-or-licence')]);
}

const listRoute = defineRoute<HttpContext>({
  method: 'get',
  path: MATERIALS,
  operationId: 'listMaterials',
  summary: "List a case's materials",
  description: 'Whoever may see the case: its materials, oldest first.',
  tag: 'Materials',
  access: 'bearer',
  responses: { 200: { description: 'The materials.', content: json(itemsOf('material')) } },
  problems: [404],
  before: (ctx) => [visibleCase(ctx)],
  handler: (ctx) => async (_req, res) => {
    res.json({ items: (await materialsOf(ctx.db, caseOf(res).id)).map(materialView) });
  },
});

const getRoute = defineRoute<HttpContext>({
  method: 'get',
  path: `${MATERIALS}/{mid}`,
  operationId: 'getMaterial',
  summary: 'Read one material',
  description: 'Whoever may see the case.',
  tag: 'Materials',
  access: 'bearer',
  responses: { 200: { description: 'The material.', content: json('material') } },
  problems: [404],
  before: (ctx) => [visibleCase(ctx)],
  handler: (ctx) => async (req, res) => {
    const material = await materialOf(ctx.db.knex, caseOf(res).id, param(req, 'mid'));
    if (!material) throw notFound('no-material', { id: param(req, 'mid') });
    res.json(materialView(material));
  },
});

const removeRoute = defineRoute<HttpContext>({
  method: 'delete',
  path: `${MATERIALS}/{mid}`,
  operationId: 'removeMaterial',
  summary: 'Remove a material',
  description:
    'Applicant or agent in scope, while the case still takes that item (409 otherwise). Recorded as `MATERIAL_REMOVED`; the file stays while any case references it.',
  tag: 'Materials',
  access: 'bearer',
  responses: { 204: { description: 'Removed.' } },
  problems: [403, 404, 409],
  before: (ctx) => [visibleCase(ctx)],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    mayHandIn(principal, res);
    const app = caseOf(res);
    const material = await materialOf(ctx.db.knex, app.id, param(req, 'mid'));
    if (!material) throw notFound('no-material', { id: param(req, 'mid') });
    await removeMaterial(ctx, material, actorOf(principal), onBehalfOf(principal, app));
    res.status(204).end();
  },
});

/** The materials of a case: hand in (upload, reuse, cite), list, read, download, remove. */
export const MATERIAL_ROUTES: readonly RouteDefinition<HttpContext>[] = [
  uploadRoute,
  listRoute,
  getRoute,
  downloadRoute,
  removeRoute,
];

/** The materials router, mounted at `/api/v1/applications/:id/materials` behind authentication. */
export function materialsRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, MATERIAL_ROUTES, { prefix: MATERIALS });
}

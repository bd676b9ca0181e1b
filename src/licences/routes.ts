import type { RequestHandler, Router } from 'express';
import type { Principal } from '../auth/principal.ts';
import { coversCase } from '../delegations/scope.ts';
import { activeDelegationsHeldBy } from '../delegations/store.ts';
import type { EventInput } from '../engine/workflow.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, notFound } from '../http/problem.ts';
import { actorOf, param, principalOf } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { json, REPLAYABLE } from '../openapi/route-table.ts';
import { licencePdf } from './pdf.ts';
import { loadLicence, signingKeys, type LicenceRecord } from './store.ts';
import { licenceView } from './view.ts';

const LICENCES = '/api/v1/licences';
const NUMBER = /^[0-9]{20}$/;

/** Events the holder (or its agent) sends, and those the window or an administrator sends. */
const HOLDER_EVENTS = ['WORKS_STARTED', 'EXTENSION_REQUESTED'];
const AUTHORITY_EVENTS = ['EXTEND', 'REFUSE_EXTENSION', 'REVOKE', 'CORRECT'];

/** The licence of `:number`, or 404 (a number in the wrong form too). */
async function licenceOr404(ctx: HttpContext, number: string): Promise<LicenceRecord> {
  const record = NUMBER.test(number) ? await loadLicence(ctx.db, number) : null;
  if (!record) throw notFound('no-licence', { number });
  return record;
}

const listKeys = defineRoute<HttpContext>({
  method: 'get',
  path: `${LICENCES}/keys`,
  operationId: 'listLicenceKeys',
  summary: 'The keys that sign licences',
  description:
    'Public. Every SM2 public key that has signed a licence, as PEM SubjectPublicKeyInfo, with its `keyId` (the one a licence names). Verify with `openssl dgst -sm3 -verify key.pem -sigopt distid:1234567812345678 -signature sig payload`.',
  tag: 'Licences',
  access: 'public',
  responses: { 200: { description: 'The keys, oldest first.', content: json('licence-keys') } },
  handler: (ctx) => async (_req, res) => {
    const keys = await signingKeys(ctx.db);
    res.json({ keys: keys.map((k) => ({ keyId: k.keyId, algorithm: 'SM2-SM3', pem: k.pem })) });
  },
});

const getLicence = defineRoute<HttpContext>({
  method: 'get',
  path: `${LICENCES}/{number}`,
  operationId: 'getLicence',
  summary: 'Verify a licence',
  description:
    'Public, for a bank, an inspector on site or a citizen: the licence with its live status, the exact signed payload (RFC 8785 canonical JSON) and its SM2-SM3 signature (base64 DER). Unknown numbers are 404.',
  tag: 'Licences',
  access: 'public',
  responses: { 200: { description: 'The licence.', content: json('licence') } },
  problems: [404],
  handler: (ctx) => async (req, res) => {
    const record = await licenceOr404(ctx, param(req, 'number'));
    res.set('Cache-Control', 'no-store').json(licenceView(record, ctx.publicBaseUrl));
  },
});

const getLicencePdf = defineRoute<HttpContext>({
  method: 'get',
  path: `${LICENCES}/{number}/pdf`,
  operationId: 'getLicencePdf',
  summary: 'The licence as an A4 document',
  description:
    'Public. The licence as an A4 PDF in Chinese with every printed field, the QR code of its verification page, the key id and a fingerprint of the signature. The status printed is the one at the time of the download; the QR code leads to the live one.',
  tag: 'Licences',
  access: 'public',
  responses: {
    200: {
      description: 'The document.',
      content: [{ mediaType: 'application/pdf', schema: { type: 'string', format: 'binary' } }],
    },
  },
  problems: [404],
  handler: (ctx) => async (req, res) => {
    const record = await licenceOr404(ctx, param(req, 'number'));
    const pdf = await licencePdf(licenceView(record, ctx.publicBaseUrl), ctx.clock.now());
    res
      .set('Content-Type', 'application/pdf')
      .set('Content-Disposition', `inline; filename="licence-${record.number}.pdf"`)
      .set('Cache-Control', 'no-store')
      .send(pdf);
  },
});

const sendLicenceEvent = defineRoute<HttpContext>({
  method: 'post',
  path: `${LICENCES}/{number}/events`,
  operationId: 'sendLicenceEvent',
  summary: 'Send an event to a licence',
  description:
    'WORKS_STARTED and EXTENSION_REQUESTED (`comment`, `data.months` 1–3, before the start deadline; at most 2 extensions) by the holder or its agent under an active agreement covering the application; EXTEND (`data.months` optional), REFUSE_EXTENSION, REVOKE and CORRECT (each with `comment`) by the window or an administrator. Checks run 401 → 404 → 400 → 403 → 422 → 409.',
  tag: 'Licences',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'licence-event', validation: 'parseBody' },
  responses: {
    200: { description: 'The licence after the event.', content: json('licence'), headers: REPLAYABLE },
  },
  problems: [403, 404, 409],
  before: (ctx) => [
    async (req, res, next) => {
      res.locals.licence = await licenceOr404(ctx, param(req, 'number'));
      next();
    },
  ],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const record = res.locals.licence as LicenceRecord;
    const body = req.body as EventInput;
    const onBehalfOf = await mayAct(ctx, principal, record, body.type);
    const answer = async (number: string) => ({
      status: 200,
      body: licenceView((await loadLicence(ctx.db, number))!, ctx.publicBaseUrl),
    });
    await ctx.idempotency.respond(req, res, {
      replay: (number: string) => answer(number),
      work: async (commit) => {
        await ctx.engine.send(
          {
            applicationId: record.caseId,
            event: {
              type: body.type,
              ...(body.comment === undefined ? {} : { comment: body.comment }),
              ...(body.data === undefined ? {} : { data: body.data }),
            },
            actor: actorOf(principal),
            onBehalfOf,
          },
          undefined,
          commit(() => record.number),
        );
        return answer(record.number);
      },
    });
  },
});

/**
 * 403 unless the caller may send this event: the holder's own users or an agent under an active agreement of
 * the holder that covers the application the licence was issued on; the window's clerks or an administrator.
 * Answers whom an agent acts for.
 */
async function mayAct(
  ctx: HttpContext,
  principal: Principal,
  record: LicenceRecord,
  type: string,
): Promise<string | null> {
  if (HOLDER_EVENTS.includes(type)) {
    if (principal.role === 'applicant' && principal.org === record.holderUscc) return null;
    if (principal.role === 'agent') {
      const source = await ctx.engine.load(record.applicationId);
      const held = await activeDelegationsHeldBy(ctx.db, principal.sub, ctx.clock.now());
      if (
        source &&
        held.some((d) => d.enterprise === record.holderUscc && coversCase(d, source, ctx.registry))
      ) {
        return record.holderUscc;
      }
    }
    throw forbidden('licence-holder-event', { event: type });
  }
  if (AUTHORITY_EVENTS.includes(type)) {
    if (principal.role === 'admin' || (principal.role === 'clerk' && principal.org === 'window')) return null;
    throw forbidden('licence-authority-event', { event: type });
  }
  throw forbidden('not-licence-event', { event: type });
}

/** The licences: reading, the document and the keys are public; events need a caller. */
export const LICENCE_ROUTES: readonly RouteDefinition<HttpContext>[] = [
  listKeys,
  getLicence,
  getLicencePdf,
  sendLicenceEvent,
];

/** The licences router, mounted at `/api/v1/licences`. */
export function licencesRouter(ctx: HttpContext, authenticate: RequestHandler): Router {
  return mountRoutes(ctx, LICENCE_ROUTES, { prefix: LICENCES, authenticate });
}

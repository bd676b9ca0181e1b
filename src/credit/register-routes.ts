/**
 * The credit register's routes: administrators write records and decide repairs, administrators and auditors
 * read the register, an enterprise asks to repair its own records. Each write is an event of a case
 * (`credit-record`, `credit-repair`), so the audit chain holds the register's history.
 */
import { dayToIso, shanghaiDay } from '../calendar/index.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import { fieldError } from '../errors/index.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, notFound, validationFailed } from '../http/problem.ts';
import { actorOf, param, principalOf, queryString } from '../http/request.ts';
import { defineRoute, type RouteDefinition } from '../openapi/define-route.ts';
import { CREATED, itemsOf, json, REPLAYABLE } from '../openapi/route-table.ts';
import type { Principal } from '../auth/principal.ts';
import { excludesOn, listCreditRecords, loadCreditRecord, type CreditRecord } from './store.ts';

const RECORDS = '/api/v1/credit-records';
const REPAIRS = '/api/v1/credit-repairs';

const readsRegister = (p: Principal) => p.role === 'admin' || p.role === 'auditor';

/** A record as the routes show it, with whether it excludes the enterprise today. */
function recordView(ctx: HttpContext, record: CreditRecord): CreditRecord {
  return { ...record, excludes: excludesOn(record, dayToIso(shanghaiDay(ctx.clock.now().toISOString()))) };
}

/** A repair's case as the routes show it. */
function repairView(app: ApplicationRecord) {
  const form = app.form as { record?: string; reason?: string };
  return {
    id: app.id,
    enterprise: app.applicant,
    record: String(form.record),
    reason: String(form.reason),
    status: app.status,
    requestedAt: app.createdAt,
  };
}

async function repairOr404(ctx: HttpContext, id: string): Promise<ApplicationRecord> {
  const app = await ctx.engine.load(id);
  if (!app || app.workflowId !== 'credit-repair') throw notFound('no-credit-repair', { id });
  return app;
}

const listRecords = defineRoute<HttpContext>({
  method: 'get',
  path: RECORDS,
  operationId: 'listCreditRecords',
  summary: 'Read the credit register',
  description:
    'Administrators and auditors (403 for anyone else): every record, or those of `enterprise`, oldest first; `excludes` says whether a record excludes its enterprise from approval on pledge today.',
  tag: 'Credit',
  access: 'bearer',
  query: [{ name: 'enterprise', description: 'A USCC.', schema: { type: 'string' } }],
  responses: { 200: { description: 'The records.', content: json(itemsOf('credit-record')) } },
  problems: [403],
  handler: (ctx) => async (req, res) => {
    if (!readsRegister(principalOf(res))) throw forbidden('credit-readers');
    const records = await listCreditRecords(ctx.db, queryString(req, 'enterprise'));
    res.json({ items: records.map((r) => recordView(ctx, r)) });
  },
});

const getRecord = defineRoute<HttpContext>({
  method: 'get',
  path: `${RECORDS}/{id}`,
  operationId: 'getCreditRecord',
  summary: 'Read one credit record',
  description: 'Administrators and auditors (403 for anyone else); 404 for an unknown id.',
  tag: 'Credit',
  access: 'bearer',
  responses: { 200: { description: 'The record.', content: json('credit-record') } },
  problems: [403, 404],
  handler: (ctx) => async (req, res) => {
    if (!readsRegister(principalOf(res))) throw forbidden('credit-readers');
    const record = await loadCreditRecord(ctx.db, param(req, 'id'));
    if (!record) throw notFound('no-credit-record', { id: param(req, 'id') });
    res.json(recordView(ctx, record));
  },
});

const writeRecord = defineRoute<HttpContext>({
  method: 'post',
  path: RECORDS,
  operationId: 'writeCreditRecord',
  summary: 'Write a credit record',
  description:
    'Administrators only (403 for anyone else): a serious bad-credit record or a false pledge against an enterprise, with its source, date and the last day it excludes the enterprise from approval on pledge (`ineligibleUntil`; null or absent: until repaired). The record is a case of the `credit-record` workflow; its creation is the first entry of its audit chain.',
  tag: 'Credit',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'credit-record-create', validation: 'parseBody' },
  responses: { 201: { description: 'The record.', content: json('credit-record'), headers: CREATED } },
  problems: [403],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    if (principal.role !== 'admin') throw forbidden('credit-admin-only');
    const body = req.body as { enterprise: string; originCase?: string } & Record<string, unknown>;
    const { originCase: _written, ...form } = body;
    const created = async (id: string) => ({
      status: 201,
      location: `${RECORDS}/${id}`,
      body: recordView(ctx, (await loadCreditRecord(ctx.db, id))!),
    });
    await ctx.idempotency.respond(req, res, {
      replay: created,
      work: async (commit) => {
        const { application } = await ctx.engine.create(
          {
            workflow: 'credit-record',
            applicant: body.enterprise,
            project: {},
            form,
            actor: actorOf(principal),
          },
          undefined,
          commit((result) => result.application.id),
        );
        return created(application.id);
      },
    });
  },
});

const requestRepair = defineRoute<HttpContext>({
  method: 'post',
  path: REPAIRS,
  operationId: 'requestCreditRepair',
  summary: 'Ask to repair a credit record',
  description:
    "The enterprise (an applicant of the record's enterprise), with reasons. Another enterprise's record, or an unknown one, is 404; a record already repaired is 422.",
  tag: 'Credit',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'credit-repair-request', validation: 'parseBody' },
  responses: { 201: { description: 'The request.', content: json('credit-repair'), headers: CREATED } },
  problems: [403, 404],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    if (principal.role !== 'applicant') throw forbidden('credit-repair-own-record');
    const body = req.body as { record: string; reason: string };
    const record = await loadCreditRecord(ctx.db, body.record);
    if (!record || record.enterprise !== principal.org)
      throw notFound('no-credit-record', { id: body.record });
    if (record.repairedAt !== null) {
      throw validationFailed('credit-repair-invalid', {}, [fieldError('/record', 'credit-record-repaired')]);
    }
    const created = async (id: string) => ({
      status: 201,
      location: `${REPAIRS}/${id}`,
      body: repairView((await ctx.engine.load(id))!),
    });
    await ctx.idempotency.respond(req, res, {
      replay: created,
      work: async (commit) => {
        const { application } = await ctx.engine.create(
          {
            workflow: 'credit-repair',
            applicant: record.enterprise,
            project: {},
            form: { record: record.id, reason: body.reason },
            actor: actorOf(principal),
          },
          undefined,
          commit((result) => result.application.id),
        );
        return created(application.id);
      },
    });
  },
});

const listRepairs = defineRoute<HttpContext>({
  method: 'get',
  path: REPAIRS,
  operationId: 'listCreditRepairs',
  summary: 'Credit repair requests',
  description:
    'Administrators and auditors read every request; an enterprise its own; anyone else 403. Newest first.',
  tag: 'Credit',
  access: 'bearer',
  responses: { 200: { description: 'The requests.', content: json(itemsOf('credit-repair')) } },
  problems: [403],
  handler: (ctx) => async (_req, res) => {
    const principal = principalOf(res);
    if (!readsRegister(principal) && principal.role !== 'applicant') throw forbidden('credit-readers');
    const query = ctx.db.knex('applications').where('workflow_id', 'credit-repair').select('id');
    if (principal.role === 'applicant') query.where('applicant', principal.org ?? '');
    const rows = await query.orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }]);
    const apps = await Promise.all(rows.map((r: { id: string }) => ctx.engine.load(r.id)));
    res.json({ items: apps.map((a) => repairView(a!)) });
  },
});

const decideRepair = defineRoute<HttpContext>({
  method: 'post',
  path: `${REPAIRS}/{id}/events`,
  operationId: 'decideCreditRepair',
  summary: 'Grant or refuse a credit repair',
  description:
    'Administrators only (403 for anyone else), with reasons: GRANT ends the record (it no longer excludes the enterprise), REFUSE keeps it. A request already decided is 409.',
  tag: 'Credit',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'credit-repair-event', validation: 'parseBody' },
  responses: {
    200: {
      description: 'The request after the decision.',
      content: json('credit-repair'),
      headers: REPLAYABLE,
    },
  },
  problems: [403, 404, 409],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const repair = await repairOr404(ctx, param(req, 'id'));
    if (principal.role !== 'admin') throw forbidden('credit-admin-only');
    const body = req.body as { type: string; comment: string };
    const answer = async (id: string) => ({ status: 200, body: repairView((await ctx.engine.load(id))!) });
    await ctx.idempotency.respond(req, res, {
      replay: answer,
      work: async (commit) => {
        await ctx.engine.send(
          {
            applicationId: repair.id,
            event: { type: body.type, comment: body.comment },
            actor: actorOf(principal),
          },
          undefined,
          commit(() => repair.id),
        );
        return answer(repair.id);
      },
    });
  },
});

/** The credit register's routes, mounted at /api/v1 behind authentication. */
export const CREDIT_ROUTES: readonly RouteDefinition<HttpContext>[] = [
  listRecords,
  getRecord,
  writeRecord,
  listRepairs,
  requestRepair,
  decideRepair,
];

import { verifyChain } from '../engine/audit-chain.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden } from '../http/problem.ts';
import { verifyMaterials } from '../materials/verify.ts';
import { param, principalOf } from '../http/request.ts';
import { defineRoute } from '../openapi/define-route.ts';
import { itemsOf, json } from '../openapi/route-table.ts';
import { historyOf } from './queries.ts';
import { loadVisibleCase } from './visible-case.ts';

/** `GET /api/v1/applications/{id}/history`: the case's audit log. */
export const historyRoute = defineRoute<HttpContext>({
  method: 'get',
  path: '/api/v1/applications/{id}/history',
  operationId: 'getApplicationHistory',
  summary: "Read a case's history",
  description:
    'Every record of the hash-chained audit log; seq 1 is CREATE. Refused attempts the contract records (off-checklist fees and inspections) appear with what was attempted in `data`.',
  tag: 'Applications',
  access: 'bearer',
  responses: { 200: { description: 'The history, oldest first.', content: json(itemsOf('history-item')) } },
  problems: [404],
  handler: (ctx) => async (req, res) => {
    const { app } = await loadVisibleCase(ctx, principalOf(res), param(req, 'id'));
    const history = await historyOf(ctx.db, app.id);
    res.json({
      items: history.map((audit) => {
        const { prevHash: _prev, clockStopped, status, ...record } = audit;
        return { ...record, statusAfter: status, clockStopped };
      }),
    });
  },
});

/** `GET /api/v1/applications/{id}/verify`: recomputes the case's hash chain. */
export const verifyRoute = defineRoute<HttpContext>({
  method: 'get',
  path: '/api/v1/applications/{id}/verify',
  operationId: 'verifyApplicationChain',
  summary: "Verify a case's hash chain",
  description:
    "Auditor, admin: recomputes the hash chain of the audit log, and re-hashes the case's stored files (`materials`).",
  tag: 'Applications',
  access: 'bearer',
  responses: { 200: { description: 'The verification.', content: json('chain-verification') } },
  problems: [403, 404],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const { app } = await loadVisibleCase(ctx, principal, param(req, 'id'));
    if (principal.role !== 'auditor' && principal.role !== 'admin') {
      throw forbidden('chain-verification-role');
    }
    const history = await historyOf(ctx.db, app.id);
    const records = history.map((a) => {
      return {
        applicationId: app.id,
        seq: a.seq,
        at: a.at,
        type: a.type,
        actor: a.actor,
        onBehalfOf: a.onBehalfOf,
        from: a.from,
        to: a.to,
        comment: a.comment,
        data: a.data,
        prevHash: a.prevHash,
        hash: a.hash,
      };
    });
    const materials = await verifyMaterials(ctx.db, ctx.materials.blobs, app.id);
    // Every case has at least its CREATE record: a case without any has lost its history.
    if (records.length === 0) {
      res.json({ ok: false, checked: 0, firstBadSeq: 1, materials });
      return;
    }
    const result = verifyChain(records);
    // The chain must also end where the case says it ends, or trailing records were removed.
    if (result.ok && records.length && records[records.length - 1].hash !== app.lastHash) {
      res.json({ ok: false, checked: records.length, firstBadSeq: records.length + 1, materials });
      return;
    }
    res.json({ ...result, materials });
  },
});

import { expect } from 'chai';
import { importNdjson } from '../../src/import/index.ts';
import { fireDueTimers } from '../../src/engine/timers.ts';
import { notificationObserver } from '../../src/notifications/index.ts';
import {
  ACCEPT,
  acceptedPermit,
  acceptWithDeficiencies,
  approve,
  createPermit,
  deny,
  dept,
  send,
  SUBMIT,
  window,
} from '../support/cases.ts';
import { permitHistoryLine } from '../fixtures/permit-history.ts';
import { ndjson } from '../support/import.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, ENTERPRISE, type Harness } from '../support/harness.ts';

/** The stored messages of a case, oldest first, with their recipients. */
async function messagesOf(h: Harness, id: string) {
  const rows = await h.db.knex('notifications').where({ application_id: id }).orderBy('id');
  const recipients = await h.db.knex('notification_recipients').orderBy(['kind', 'recipient']);
  return rows.map((row: Record<string, unknown>) => ({
    id: String(row.id),
    code: String(row.code),
    text: String(row.text),
    params: h.db.dialect.readJson<Record<string, unknown>>(row.params),
    recipients: recipients
      .filter((r: Record<string, unknown>) => String(r.notification_id) === String(row.id))
      .map((r: Record<string, unknown>) => `${r.kind}:${r.recipient}`),
  }));
}

describeEachDatabase('notifications/observer', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
    h.engine.observe(notificationObserver({ registry: h.registry, reader: h.db.dialect, webhook: true }));
  });
  afterEach(async () => {
    await h.close();
  });

  it('should tell the enterprise of the acceptance with the statutory due date, in the transaction of the event', async () => {
    const id = await acceptedPermit(h);
    const [accepted, ...rest] = await messagesOf(h, id);
    expect(rest).to.deep.equal([]);
    expect(accepted!.code).to.equal('accepted');
    expect(accepted!.recipients).to.deep.equal([`enterprise:${ENTERPRISE}`]);
    // 45 working days from Monday 2 March 2026 skip Qingming (6 April) and Labour Day (1–5 May): Friday 8 May.
    expect(accepted!.text).to.include('「Aviation Town Component Plant, Building 3」');
    expect(accepted!.text).to.include('2026年3月2日受理');
    expect(accepted!.text).to.include('法定办结时限为45个工作日，最迟于2026年5月8日前作出决定');
    expect(accepted!.text).to.include('下一步');
    // Queued for the webhook in the same transaction, carrying the message id.
    const [outbox] = await h.db.knex('outbox').where({ application_id: id, type: 'notification' });
    expect(h.db.dialect.readJson<{ id: string; code: string }>(outbox.payload)).to.include({
      id: accepted!.id,
      code: 'accepted',
    });
  });

  it('should list the pledged papers and their date on an acceptance with deficiencies', async () => {
    const id = await createPermit(h);
    await send(h, id, SUBMIT);
    await send(h, id, acceptWithDeficiencies('2026-03-13', ['land-survey-report']));
    const [accepted] = await messagesOf(h, id);
    expect(accepted!.text).to.include('请于2026年3月13日前补交：land-survey-report');
  });

  it('should name the materials and their reasons on a supplement request, and each decision', async () => {
    const id = await acceptedPermit(h);
    await send(
      h,
      id,
      dept('REQUEST_SUPPLEMENT', 'fire', {
        comment: '消防设计文件未盖章',
        data: {
          materials: [
            { code: 'fire-design-drawings', reason: '未加盖设计单位出图章' },
            { code: 'fire-design-statement', reason: '缺少防火分区说明' },
          ],
        },
      }),
    );
    await send(h, id, approve('planning'));
    await send(h, id, deny('housing'));
    const [, supplement, approved, denied] = await messagesOf(h, id);
    expect(supplement!.code).to.equal('supplement-requested');
    expect(supplement!.text).to.include('消防设计审查验收要求补正材料');
    expect(supplement!.text).to.include(
      '1. fire-design-drawings（未加盖设计单位出图章）；2. fire-design-statement（缺少防火分区说明）',
    );
    expect(supplement!.text).to.include('说明：消防设计文件未盖章');
    expect(approved!.code).to.equal('department-decided');
    expect(approved!.text).to.include('自然资源和规划已于2026年3月2日审查通过');
    // Fire waits for papers but its review is still open, like the others'.
    expect(approved!.text).to.include('住房和城乡建设、消防设计审查验收、人民防空、生态环境仍在审查中');
    expect(denied!.code).to.equal('denied');
    expect(denied!.text).to.include(
      '住房和城乡建设审查，决定不予许可。理由：housing: the design breaks the regulations',
    );
  });

  it('should tell the window refusal with its reasons', async () => {
    const id = await createPermit(h);
    await send(h, id, SUBMIT);
    await send(h, id, window('REFUSE', { comment: '项目不属于本中心受理范围' }));
    const [refused] = await messagesOf(h, id);
    expect(refused!.code).to.equal('refused');
    expect(refused!.text).to.include('不予受理。理由：项目不属于本中心受理范围');
  });

  it('should tell of an event a timer sends only when it calls for a message, and of no event twice', async () => {
    const id = await createPermit(h);
    await send(h, id, SUBMIT);
    await send(h, id, acceptWithDeficiencies('2026-03-04'));
    h.clock.set('2026-03-06T09:00:00+08:00');
    expect((await fireDueTimers(h.db, h.engine)).fired).to.equal(1);
    expect((await messagesOf(h, id)).map((m) => m.code)).to.deep.equal(['accepted']);
  });

  it('should tell nobody of history replayed by the import', async () => {
    const [result] = await importNdjson({ db: h.db, engine: h.engine }, ndjson([permitHistoryLine()]));
    expect(result).to.include({ ok: true });
    expect(await h.db.knex('notifications')).to.deep.equal([]);
    expect(await h.db.knex('outbox').where({ type: 'notification' })).to.deep.equal([]);
  });

  it('should queue nothing for a webhook when none is configured', async () => {
    const quiet = await createHarness(kind);
    try {
      quiet.engine.observe(
        notificationObserver({ registry: quiet.registry, reader: quiet.db.dialect, webhook: false }),
      );
      const id = await acceptedPermit(quiet);
      expect((await messagesOf(quiet, id)).map((m) => m.code)).to.deep.equal(['accepted']);
      expect(await quiet.db.knex('outbox').where({ type: 'notification' })).to.deep.equal([]);
    } finally {
      await quiet.close();
    }
  });

  it('should not tell of an acceptance the engine refused', async () => {
    const id = await acceptedPermit(h);
    await send(h, id, ACCEPT).catch(() => undefined);
    expect((await messagesOf(h, id)).map((m) => m.code)).to.deep.equal(['accepted']);
  });
});

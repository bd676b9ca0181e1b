/**
 * A service process that commits a stream of concurrent events through the group commit and is killed in the
 * middle of it (test/engine/restart.test.ts).
 *
 * Usage: node --import tsx test/support/group-commit-crash-worker.ts <database URL> <now ISO>
 * On the (migrated) database, eight lanes each file a construction-permit case, submit and accept it, then
 * send its five departments' approvals at once, and start again, for ever. Each event is printed as a line
 * `{"id": …, "seq": …, "type": …}` once its answer came (that is, once committed); the process never closes
 * the database itself.
 */
import { loadCalendar } from '../../src/calendar/index.ts';
import { parseDatabaseUrl } from '../../src/config.ts';
import { groupCommitFor, openDatabase } from '../../src/db/index.ts';
import { FixedClock } from '../../src/engine/clock.ts';
import { Engine } from '../../src/engine/engine.ts';
import type { SendResult } from '../../src/engine/types.ts';
import { createRegistry } from '../../workflows/index.ts';
import { copy, permitForm, permitProject } from '../fixtures/construction-permit.ts';
import { applicant, clerk, ENTERPRISE } from './harness.ts';

const [url, now] = process.argv.slice(2);
if (!url || !now) {
  console.error('usage: group-commit-crash-worker.ts <database URL> <now ISO>');
  process.exit(2);
}

const DEPARTMENTS = ['planning', 'housing', 'fire', 'civil-defense', 'environment'];
const db = openDatabase(parseDatabaseUrl(url));
const calendar = await loadCalendar(db);
const engine = new Engine({
  db,
  registry: createRegistry(calendar),
  calendar,
  clock: new FixedClock(now),
  groupCommit: groupCommitFor(db),
});

function acknowledged(type: string, result: SendResult): void {
  process.stdout.write(`${JSON.stringify({ id: result.application.id, seq: result.seq, type })}\n`);
}

async function lane(): Promise<never> {
  for (;;) {
    const created = await engine.create({
      workflow: 'construction-permit',
      applicant: ENTERPRISE,
      project: copy(permitProject),
      form: copy(permitForm),
      actor: applicant,
    });
    acknowledged('CREATE', created);
    const id = created.application.id;
    acknowledged(
      'SUBMIT',
      await engine.send({ applicationId: id, event: { type: 'SUBMIT' }, actor: applicant }),
    );
    acknowledged(
      'ACCEPT',
      await engine.send({
        applicationId: id,
        event: { type: 'ACCEPT', department: 'window' },
        actor: clerk('window'),
      }),
    );
    await Promise.all(
      DEPARTMENTS.map(async (department) =>
        acknowledged(
          'APPROVE',
          await engine.send({
            applicationId: id,
            event: { type: 'APPROVE', department },
            actor: clerk(department),
          }),
        ),
      ),
    );
  }
}

await Promise.all(Array.from({ length: 8 }, () => lane()));

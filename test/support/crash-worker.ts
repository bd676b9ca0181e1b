/**
 * A service process that commits an event and is then killed (test/engine/restart.test.ts).
 *
 * Usage: node --import tsx test/support/crash-worker.ts <sqlite-file> <now ISO> <pledge date>
 * Opens the (migrated) SQLite file, creates a construction-permit case, submits it, accepts it with
 * deficiencies pledged for the given date, prints `{"id": …}` once the event is committed, and then waits
 * to be killed: it never closes the database itself.
 */
import { loadCalendar } from '../../src/calendar/index.ts';
import { groupCommitFor, openDatabase } from '../../src/db/index.ts';
import { FixedClock } from '../../src/engine/clock.ts';
import { Engine } from '../../src/engine/engine.ts';
import { createRegistry } from '../../workflows/index.ts';
import { copy, permitForm, permitProject } from '../fixtures/construction-permit.ts';
import { applicant, clerk, ENTERPRISE } from './harness.ts';

const [filename, now, pledgeDate] = process.argv.slice(2);
if (!filename || !now || !pledgeDate) {
  console.error('usage: crash-worker.ts <sqlite-file> <now ISO> <pledge date>');
  process.exit(2);
}

const db = openDatabase({ client: 'sqlite', filename });
const calendar = await loadCalendar(db);
const clock = new FixedClock(now);
const engine = new Engine({
  db,
  registry: createRegistry(calendar),
  calendar,
  clock,
  groupCommit: groupCommitFor(db),
});

const { application } = await engine.create({
  workflow: 'construction-permit',
  applicant: ENTERPRISE,
  project: copy(permitProject),
  form: copy(permitForm),
  actor: applicant,
});
await engine.send({ applicationId: application.id, event: { type: 'SUBMIT' }, actor: applicant });
clock.advance({ hours: 1 });
await engine.send({
  applicationId: application.id,
  event: {
    type: 'ACCEPT_WITH_DEFICIENCIES',
    department: 'window',
    data: { items: ['land-survey-report'], pledgeDate },
  },
  actor: clerk('window'),
});

process.stdout.write(`${JSON.stringify({ id: application.id })}\n`);
// Stay up, connection open, until the test kills the process.
setInterval(() => {}, 60_000);

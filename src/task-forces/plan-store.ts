/**
 * Every read and write of `plan_baselines`, `plan_milestones` and `milestone_actuals`: the versions of a
 * project's plan and the actual dates. The first baseline takes force when it is proposed (there is nothing to
 * change); each later one waits for the responsible leader, and approving it supersedes the one in force.
 */
import type { Database, EventStore } from '../db/index.ts';
import { MILESTONES, type Milestone } from './milestones.ts';

/** A baseline's status. */
export type BaselineStatus = 'in-force' | 'proposed' | 'superseded' | 'rejected';

/** One version of a project's plan. */
export interface Baseline {
  version: number;
  status: BaselineStatus;
  reason: string | null;
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  planned: Partial<Record<Milestone, string>>;
}

/** A milestone's actual date and where it came from: a case approved, or the task force's entry. */
export interface Actual {
  on: string;
  source: 'case' | 'entry';
  applicationId: string | null;
  recordedBy: string;
}

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Every baseline of a project, newest first. */
export async function baselinesOf(db: Database, code: string): Promise<Baseline[]> {
  const rows: Row[] = await db
    .knex('plan_baselines')
    .where({ project_code: code })
    .orderBy('version', 'desc');
  const dates: Row[] = await db.knex('plan_milestones').where({ project_code: code });
  return rows.map((r) => {
    const version = db.dialect.readNumber(r.version);
    const planned: Partial<Record<Milestone, string>> = {};
    for (const m of MILESTONES) {
      const d = dates.find((x) => db.dialect.readNumber(x.version) === version && x.milestone === m);
      if (d) planned[m] = String(d.planned_on);
    }
    return {
      version,
      status: r.status as BaselineStatus,
      reason: str(r.reason),
      proposedBy: String(r.proposed_by),
      proposedAt: String(r.proposed_at),
      decidedBy: str(r.decided_by),
      decidedAt: str(r.decided_at),
      decisionComment: str(r.decision_comment),
      planned,
    };
  });
}

/** A proposal waits while another one is pending: one at a time, so that the leader decides on one plan. */
export class ProposalPendingError extends Error {
  constructor(readonly version: number) {
    super(`baseline version ${version} is still waiting for the responsible leader`);
    this.name = 'ProposalPendingError';
  }
}

/**
 * Records a new baseline version: in force at once when the project has none, else a proposal. Answers the
 * new version and its status.
 */
export async function proposeBaseline(
  db: Database,
  code: string,
  input: { planned: Partial<Record<Milestone, string>>; reason: string | null; by: string; at: string },
): Promise<{ version: number; status: BaselineStatus }> {
  return db.knex.transaction(async (trx) => {
    const rows: Row[] = await db.dialect.lockForUpdate(trx('plan_baselines').where({ project_code: code }));
    const pending = rows.find((r) => r.status === 'proposed');
    if (pending) throw new ProposalPendingError(db.dialect.readNumber(pending.version));
    const version = rows.reduce((max, r) => Math.max(max, db.dialect.readNumber(r.version)), 0) + 1;
    const status: BaselineStatus = rows.some((r) => r.status === 'in-force') ? 'proposed' : 'in-force';
    await trx('plan_baselines').insert({
      project_code: code,
      version,
      status,
      reason: input.reason,
      proposed_by: input.by,
      proposed_at: input.at,
    });
    for (const [milestone, plannedOn] of Object.entries(input.planned)) {
      await trx('plan_milestones').insert({ project_code: code, version, milestone, planned_on: plannedOn });
    }
    return { version, status };
  });
}

/**
 * The leader's decision on a pending proposal: approved, it takes force and the old baseline is superseded
 * (kept); rejected, the one in force stays. False when `version` is not a pending proposal.
 */
export async function decideBaseline(
  db: Database,
  code: string,
  version: number,
  decision: { approve: boolean; comment: string | null; by: string; at: string },
): Promise<boolean> {
  return db.knex.transaction(async (trx) => {
    const [row] = await db.dialect.lockForUpdate(
      trx('plan_baselines').where({ project_code: code, version }),
    );
    if (!row || row.status !== 'proposed') return false;
    if (decision.approve) {
      await trx('plan_baselines')
        .where({ project_code: code, status: 'in-force' })
        .update({ status: 'superseded' });
    }
    await trx('plan_baselines')
      .where({ project_code: code, version })
      .update({
        status: decision.approve ? 'in-force' : 'rejected',
        decided_by: decision.by,
        decided_at: decision.at,
        decision_comment: decision.comment,
      });
    return true;
  });
}

/** The actual dates of a project's milestones. */
export async function actualsOf(db: Database, code: string): Promise<Partial<Record<Milestone, Actual>>> {
  const rows: Row[] = await db.knex('milestone_actuals').where({ project_code: code });
  const actuals: Partial<Record<Milestone, Actual>> = {};
  for (const r of rows) {
    actuals[r.milestone as Milestone] = {
      on: String(r.actual_on),
      source: r.source as Actual['source'],
      applicationId: str(r.application_id),
      recordedBy: String(r.recorded_by),
    };
  }
  return actuals;
}

/** The task force's entry of an actual date (a correction replaces the earlier entry). */
export async function enterActual(
  db: Database,
  code: string,
  milestone: Milestone,
  entry: { on: string; by: string; at: string },
): Promise<void> {
  await db
    .knex('milestone_actuals')
    .insert({
      project_code: code,
      milestone,
      actual_on: entry.on,
      source: 'entry',
      application_id: null,
      recorded_by: entry.by,
      recorded_at: entry.at,
    })
    .onConflict(['project_code', 'milestone'])
    .merge(['actual_on', 'recorded_by', 'recorded_at']);
}

/**
 * A stage's result from an approved case, in the case's transaction: the first approval of the stage gives
 * the date, a later case of the same stage leaves it.
 */
export async function fillStageActual(
  store: EventStore,
  code: string,
  milestone: Milestone,
  fill: { on: string; applicationId: string; at: string },
): Promise<void> {
  await store.query(
    'insert into milestone_actuals (project_code, milestone, actual_on, source, application_id, recorded_by, recorded_at) ' +
      "values (?, ?, ?, 'case', ?, 'zerotrip-engine', ?) on conflict (project_code, milestone) do nothing",
    [code, milestone, fill.on, fill.applicationId, fill.at],
  );
}

/** Every project with a baseline in force, and that baseline's version and date of taking force. */
export async function projectsInForce(
  db: Database,
): Promise<Array<{ code: string; version: number; since: string }>> {
  const rows: Row[] = await db
    .knex('plan_baselines')
    .where({ status: 'in-force' })
    .orderBy('project_code')
    .select('project_code', 'version', 'proposed_at', 'decided_at');
  return rows.map((r) => ({
    code: String(r.project_code),
    version: db.dialect.readNumber(r.version),
    since: String(r.decided_at ?? r.proposed_at),
  }));
}

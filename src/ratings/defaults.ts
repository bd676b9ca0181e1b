/**
 * Default ratings, where a province counts no rating as satisfied (广西: no rating within 7 days of the result).
 * A sweep of the scheduler records them, flagged `is_default`, so that the record says what the local rule
 * counted; the figures never include them (国办发〔2019〕51号 asks for real ratings).
 */
import { randomUUID } from 'node:crypto';
import type { RatingConfig } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';
import { isApplicationWorkflow } from '../engine/workflow.ts';
import { DEFAULT_CHANNEL, DEFAULT_LEVEL } from './levels.ts';
import { insertRating, type NewRating } from './store.ts';
import { CASE_TARGET, DECISION_EVENTS, resultsOf } from './targets.ts';

/** Results looked at per sweep; the next round takes the rest. */
const BATCH = 200;

/** What one sweep did. */
export interface DefaultRatingsResult {
  recorded: number;
}

/**
 * Records a default rating for every result older than `defaultAfterDays` calendar days that nobody rated;
 * nothing when the configuration sets no default.
 */
export async function recordDefaultRatings(
  db: Database,
  registry: WorkflowRegistry,
  config: RatingConfig,
  now: Date,
): Promise<DefaultRatingsResult> {
  if (config.defaultAfterDays === undefined) return { recorded: 0 };
  const knex = db.knex;
  const cutoff = new Date(now.getTime() - config.defaultAfterDays * 86_400_000).toISOString();
  const applicationWorkflows = registry
    .latest()
    .filter((w) => isApplicationWorkflow(w))
    .map((w) => w.id);
  const unrated = (target: string) =>
    knex('ratings').whereRaw('ratings.application_id = applications.id').where('ratings.target', target);
  const concluded = await knex('applications')
    .whereIn('workflow_id', applicationWorkflows)
    .whereNotNull('concluded_at')
    .where('concluded_at', '<=', cutoff)
    .whereNotExists(unrated(CASE_TARGET))
    .limit(BATCH)
    .select('id', 'workflow_id', 'applicant', 'concluded_at');
  const decided = await knex('audit_events')
    .join('applications', 'applications.id', 'audit_events.application_id')
    .whereIn('audit_events.type', DECISION_EVENTS)
    .where('audit_events.actor_role', 'clerk')
    .where('audit_events.at', '<=', cutoff)
    .whereNotExists(
      knex('ratings')
        .whereRaw('ratings.application_id = applications.id')
        .whereRaw('ratings.target = audit_events.actor_org'),
    )
    .limit(BATCH)
    .distinct(
      'applications.id',
      'applications.workflow_id',
      'applications.applicant',
      'applications.concluded_at',
      'audit_events.actor_org as target',
    );

  let recorded = 0;
  const wanted = [
    ...concluded.map((row: Record<string, unknown>) => ({ row, target: CASE_TARGET })),
    ...decided.map((row: Record<string, unknown>) => ({ row, target: String(row.target) })),
  ];
  for (const { row, target } of wanted) {
    const id = String(row.id);
    const result = (
      await resultsOf(db, { id, concludedAt: row.concluded_at ? String(row.concluded_at) : null })
    ).get(target);
    if (!result || Date.parse(result.at) > Date.parse(cutoff)) continue;
    const rating: NewRating = {
      id: randomUUID(),
      applicationId: id,
      workflowId: String(row.workflow_id),
      target,
      department: result.department,
      clerk: result.clerk,
      enterprise: String(row.applicant),
      raterSub: '',
      raterRole: 'default',
      level: DEFAULT_LEVEL,
      tags: [],
      text: null,
      channel: DEFAULT_CHANNEL,
      isDefault: true,
      resultAt: result.at,
      ratedAt: now.toISOString(),
      followUpId: null,
      followUpStatus: null,
      followUpDueAt: null,
    };
    await insertRating(knex, rating);
    recorded++;
  }
  return { recorded };
}

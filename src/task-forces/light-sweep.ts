/**
 * The sweep that lights every project with a plan in force (issue 16, item 5), run by the scheduler like the
 * due warnings and by tests under a fixed clock. A light is stored only when it changes, so the history holds
 * every change and every recovery; each change tells the task force. Running it again the same day changes
 * nothing.
 */
import { dayToIso, shanghaiDay } from '../calendar/index.ts';
import { knexEventStore, type Database } from '../db/index.ts';
import { projectLightChangedMessage } from '../notifications/project-message-text.ts';
import { insertMessage } from '../notifications/store.ts';
import { evaluateLight, type Light, type LightReason, type LightVerdict } from './evaluate-light.ts';
import { memberRecipients } from './member-recipients.ts';
import { membersOf } from './members-store.ts';
import { MILESTONE_ZH } from './milestones.ts';
import { actualsOf, baselinesOf, projectsInForce } from './plan-store.ts';
import { projectRef } from './project-names.ts';
import type { LightRules } from './supervision-rules.ts';

/** What one sweep did. */
export interface LightSweepResult {
  evaluated: number;
  changed: Array<{ code: string; light: Light; previous: Light | null }>;
}

/** What the sweep reads and writes with. */
export interface LightSweepDeps {
  db: Database;
  rules: LightRules;
  webhook: boolean;
}

/** A stored light of a project. */
export interface LightChange {
  light: Light;
  previous: Light | null;
  reasons: LightReason[];
  evaluatedOn: string;
  changedAt: string;
}

/** The verdict of one project on `today` from its stored plan and actual dates; null without a plan in force. */
export async function projectVerdict(
  db: Database,
  rules: LightRules,
  code: string,
  today: string,
): Promise<LightVerdict | null> {
  const baseline = (await baselinesOf(db, code)).find((b) => b.status === 'in-force');
  if (!baseline) return null;
  const actuals = await actualsOf(db, code);
  const actual = Object.fromEntries(Object.entries(actuals).map(([m, a]) => [m, a!.on]));
  const since = dayToIso(shanghaiDay(baseline.decidedAt ?? baseline.proposedAt));
  return evaluateLight({ planned: baseline.planned, actual, baselineSince: since, today }, rules);
}

/** Lights every project with a plan in force at `now`. */
export async function sweepLights(deps: LightSweepDeps, now: Date): Promise<LightSweepResult> {
  const { db } = deps;
  const at = now.toISOString();
  const today = dayToIso(shanghaiDay(now));
  const result: LightSweepResult = { evaluated: 0, changed: [] };
  for (const { code } of await projectsInForce(db)) {
    const verdict = (await projectVerdict(db, deps.rules, code, today))!;
    result.evaluated++;
    const last = (await lightHistory(db, code))[0];
    const previous = last?.light ?? null;
    if (previous === verdict.light || (previous === null && verdict.light === 'green')) continue;
    const project = await projectRef(db, code);
    const content = projectLightChangedMessage({
      project,
      light: verdict.light,
      previous,
      reasons: verdict.reasons.map(reasonZh),
      on: at,
    });
    const recipients = memberRecipients(await membersOf(db, code));
    await db.knex.transaction(async (trx) => {
      await trx('project_lights').insert({
        project_code: code,
        light: verdict.light,
        previous,
        reasons: JSON.stringify(verdict.reasons),
        evaluated_on: today,
        changed_at: at,
      });
      await insertMessage(
        knexEventStore(trx, db.dialect),
        {
          ...content,
          applicationId: null,
          project,
          recipients,
          dedupeKey: `project-light:${code}:${today}:${verdict.light}`,
          createdAt: at,
        },
        { webhook: deps.webhook },
      );
    });
    result.changed.push({ code, light: verdict.light, previous });
  }
  return result;
}

/** A project's stored lights, newest first (green is stored only as a recovery). */
export async function lightHistory(db: Database, code: string): Promise<LightChange[]> {
  const rows: Array<Record<string, unknown>> = await db
    .knex('project_lights')
    .where({ project_code: code })
    .orderBy('id', 'desc');
  return rows.map((r) => ({
    light: r.light as Light,
    previous: (r.previous as Light | null) ?? null,
    reasons: db.dialect.readJson<LightReason[]>(r.reasons),
    evaluatedOn: String(r.evaluated_on),
    changedAt: String(r.changed_at),
  }));
}

/** A reason in the words of a message or a report. */
export function reasonZh(r: LightReason): string {
  switch (r.rule) {
    case 'behind-plan':
      return `进度落后计划${r.value}个百分点`;
    case 'slip':
      return `${r.milestone ? MILESTONE_ZH[r.milestone] : '下一节点'}滞后${r.value}天`;
    case 'no-start':
      return `签约后${r.value}个月仍未开工`;
    case 'stalled':
      return `连续${r.value}个督查周期无进展`;
  }
}

/**
 * The key projects' figures a rhythm report carries (`keyProjects`): lights, their changes and the issue list
 * of the report's period, in two sentences under the report's own summary, linked to the battle map.
 */
import type { KeyProjectFigures } from '../api/index.ts';
import { fmtDate, fmtPercent, t } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';

/** The figures, worded for the leadership. */
export function KeyProjectFiguresNote({ figures: f }: { figures: KeyProjectFigures }) {
  return (
    <p class="key-projects">
      <Link href="/battle-map">{t('reports.keyProjectsLink')}</Link>{' '}
      {t('reports.keyProjects', {
        projects: f.projects,
        green: f.lights.green,
        yellow: f.lights.yellow,
        red: f.lights.red,
        from: fmtDate(f.from),
        to: fmtDate(f.to),
        changes: f.lightChanges,
        recoveries: f.recoveries,
      })}{' '}
      {t('reports.keyIssues', {
        open: f.issues.open,
        overdue: f.issues.overdue,
        escalated: f.issues.escalated,
        raised: f.issues.raised,
        resolved: f.issues.resolved,
        rate: fmtPercent(f.issues.closureRate),
      })}
    </p>
  );
}

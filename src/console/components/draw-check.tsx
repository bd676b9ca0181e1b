/**
 * A review's draws re-run from the record (issue 15, item 3): for each draw the seed, the algorithm, the
 * filters, the roster as it stood, who was eligible and drawn, and every replacement, beside what the service
 * recomputes by the published algorithm; one line says whether everything matches.
 */
import { api, type DrawVerification, type InvestmentReview } from '../api/index.ts';
import { fmtDateTime, t, tOr } from '../i18n/index.ts';
import { useSession } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';
import { Loaded, Section, TableScroll } from './ui.tsx';

type Draw = DrawVerification['draws'][number];
interface RosterRow {
  id: string;
  fields: string[];
  relatedToApplicant: boolean;
  earlierReviewOfProject: boolean;
}
interface Filters {
  industry?: string;
  applicant?: string;
  projectCode?: string | null;
}

export function DrawCheck({ review }: { review: InvestmentReview }) {
  const role = useSession()!.claims.role;
  const found = useLoad(async () => {
    const [check, roster] = await Promise.all([
      api.checkDraw(review.id),
      role === 'auditor' || role === 'admin' ? api.experts() : Promise.resolve({ items: [] }),
    ]);
    const names = new Map<string, string>();
    for (const e of roster.items) names.set(e.id, e.name);
    for (const m of [...review.panel, ...review.left]) if (m.name) names.set(m.expert, m.name);
    return { check, names };
  }, [review.id, review.panel.length, review.left.length]);
  return (
    <Section title={t('draw.title')} id="draw-check">
      <Loaded data={found.data} error={found.error}>
        {({ check, names }) => (
          <>
            <p class={`notice ${check.matches ? 'ok' : 'bad'}`} role="status">
              {check.matches ? t('draw.matches') : t('draw.differs')}
            </p>
            <p class="muted">{t('draw.algorithm', { algorithm: check.algorithm })}</p>
            {check.draws.map((draw, i) => (
              <OneDraw key={draw.seq} draw={draw} number={i + 1} name={(id) => names.get(id) ?? id} />
            ))}
          </>
        )}
      </Loaded>
    </Section>
  );
}

function OneDraw({ draw, number, name }: { draw: Draw; number: number; name: (id: string) => string }) {
  const filters = draw.draw.filters as Filters;
  const roster = draw.draw.roster as unknown as RosterRow[];
  const drawn = draw.draw.panel;
  const label = t('draw.number', { number, at: fmtDateTime(draw.at) });
  return (
    <article class="draw-record">
      <h3>{label}</h3>
      <dl class="facts">
        <div>
          <dt>{t('draw.seed')}</dt>
          <dd class="code-text">{draw.draw.seed}</dd>
        </div>
        <div>
          <dt>{t('draw.filters')}</dt>
          <dd>
            {t('draw.filterLine', {
              industry: tOr(`expert.value.${filters.industry}`, filters.industry ?? '—'),
              applicant: filters.applicant ?? '—',
              project: filters.projectCode ?? '—',
            })}
          </dd>
        </div>
        <div>
          <dt>{t('draw.drawn')}</dt>
          <dd>{drawn.map(name).join('、')}</dd>
        </div>
        <div>
          <dt>{t('draw.recomputed')}</dt>
          <dd>
            {draw.recomputed.panel.map(name).join('、')}（
            {draw.recomputed.matches ? t('draw.same') : t('draw.notSame')}）
          </dd>
        </div>
      </dl>
      {draw.replacements.length ? (
        <ul>
          {draw.replacements.map((r, i) => (
            <li key={r.seq}>
              {t('draw.replacement', {
                expert: name(r.expert),
                replacement: name(r.replacement),
                because: tOr(`reviews.because.${r.because}`, r.because),
                recomputed: draw.recomputed.replacements[i] ? name(draw.recomputed.replacements[i]!) : '—',
              })}
            </li>
          ))}
        </ul>
      ) : null}
      <TableScroll label={t('draw.roster')}>
        <table>
          <caption>{t('draw.roster')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reviews.member')}</th>
              <th scope="col">{t('draw.fields')}</th>
              <th scope="col">{t('draw.eligibility')}</th>
            </tr>
          </thead>
          <tbody>
            {roster.map((row) => (
              <tr key={row.id}>
                <th scope="row">{name(row.id)}</th>
                <td>{row.fields.map((f) => tOr(`expert.value.${f}`, f)).join('、')}</td>
                <td>
                  {drawn.includes(row.id)
                    ? t('draw.wasDrawn')
                    : draw.replacements.some((r) => r.replacement === row.id)
                      ? t('draw.replaced')
                      : draw.draw.eligible.includes(row.id)
                        ? t('draw.eligible')
                        : row.relatedToApplicant
                          ? t('draw.related')
                          : row.earlierReviewOfProject
                            ? t('draw.earlier')
                            : t('draw.otherField')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </article>
  );
}

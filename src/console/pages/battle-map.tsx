/**
 * The battle map (挂图作战): every key project the person may read as a row — its light, its stage, its
 * milestones planned against actual on one time axis — filtered by task force member and by stage.
 */
import { useState } from 'preact/hooks';
import { api, type BattleMapRow } from '../api/index.ts';
import { Loaded, Section, TableScroll } from '../components/ui.tsx';
import { fmtDate, t, tOr } from '../i18n/index.ts';
import { useLoad } from '../lib/use-load.ts';

type Milestone = BattleMapRow['milestones'][number];

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

export function BattleMapPage() {
  const [member, setMember] = useState('');
  const [stage, setStage] = useState('');
  const rows = useLoad(() => api.battleMap(member.trim() || undefined, stage || undefined), [member, stage]);
  return (
    <>
      <h1>{t('battleMap.title')}</h1>
      <p>{t('battleMap.intro')}</p>
      <div class="filters">
        <div class="field narrow">
          <label for="bm-member">{t('battleMap.member')}</label>
          <input id="bm-member" value={member} onChange={(e) => setMember(e.currentTarget.value)} />
        </div>
        <div class="field narrow">
          <label for="bm-stage">{t('battleMap.stage')}</label>
          <select id="bm-stage" value={stage} onChange={(e) => setStage(e.currentTarget.value)}>
            <option value="">{t('battleMap.allStages')}</option>
            {['1', '2', '3', '4'].map((s) => (
              <option key={s} value={s}>
                {tOr(`battleMap.stage${s}`, s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Loaded data={rows.data} error={rows.error}>
        {(data) => (data.items.length ? <Map rows={data.items} /> : <p>{t('battleMap.empty')}</p>)}
      </Loaded>
    </>
  );
}

/** The rows on one axis from the earliest to the latest date any of them names. */
function Map({ rows }: { rows: BattleMapRow[] }) {
  const dates = rows.flatMap((r) =>
    r.milestones.flatMap((m) => [m.plannedOn, m.actualOn]).filter((d): d is string => !!d),
  );
  const from = Math.min(...dates.map(dayOf));
  const to = Math.max(...dates.map(dayOf));
  const at = (iso: string) => (to > from ? ((dayOf(iso) - from) / (to - from)) * 100 : 50);
  return (
    <Section title={t('battleMap.rows', { count: rows.length })} id="battle-map">
      <p class="legend">{t('battleMap.legend')}</p>
      <TableScroll label={t('battleMap.title')}>
        <table class="battle-map">
          <thead>
            <tr>
              <th scope="col">{t('battleMap.project')}</th>
              <th scope="col">{t('battleMap.light')}</th>
              <th scope="col">{t('battleMap.stage')}</th>
              <th scope="col">{t('battleMap.progress')}</th>
              <th scope="col">
                {t('battleMap.axis', { from: fmtDate(isoOf(from)), to: fmtDate(isoOf(to)) })}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.projectCode}>
                <th scope="row">
                  {r.name}
                  <br />
                  <small>{r.projectCode}</small>
                </th>
                <td>
                  <span class={`badge ${r.light === 'red' ? 'bad' : r.light === 'yellow' ? 'warn' : 'good'}`}>
                    {tOr(`battleMap.light.${r.light ?? 'none'}`, '—')}
                  </span>
                </td>
                <td>{r.stage === null ? t('battleMap.stagesDone') : tOr(`battleMap.stage${r.stage}`, '')}</td>
                <td>
                  {r.plannedProgress === null
                    ? '—'
                    : t('battleMap.progressValue', {
                        planned: r.plannedProgress,
                        actual: r.actualProgress ?? 0,
                      })}
                </td>
                <td>
                  <Axis milestones={r.milestones} at={at} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Section>
  );
}

/** One project's milestones: a hollow mark where planned, a filled one where reached; each named in its title. */
function Axis({ milestones, at }: { milestones: Milestone[]; at: (iso: string) => number }) {
  const planned = milestones.filter((m) => m.plannedOn);
  const reached = milestones.filter((m) => m.actualOn);
  return (
    <div
      class="axis-line"
      role="img"
      aria-label={t('battleMap.axisLabel', { planned: planned.length, reached: reached.length })}
    >
      {planned.map((m) => (
        <span
          key={`p-${m.milestone}`}
          class="mark planned"
          style={{ left: `${at(m.plannedOn!)}%` }}
          title={t('battleMap.plannedMark', { name: m.name, date: fmtDate(m.plannedOn!) })}
        />
      ))}
      {reached.map((m) => (
        <span
          key={`a-${m.milestone}`}
          class={`mark actual${m.plannedOn && m.actualOn! > m.plannedOn ? ' late' : ''}`}
          style={{ left: `${at(m.actualOn!)}%` }}
          title={t('battleMap.actualMark', { name: m.name, date: fmtDate(m.actualOn!) })}
        />
      ))}
    </div>
  );
}

const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

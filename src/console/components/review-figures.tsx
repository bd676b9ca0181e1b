/**
 * The pre-review figures of a year for auditors and administrators (issue 15, item 6): reviews decided, passed,
 * with conditions, rejected, the pass rate and the mean working days from cut-off to decision, by month, and
 * the reasons for rejection by industry.
 */
import { useState } from 'preact/hooks';
import { api } from '../api/index.ts';
import { t, tOr } from '../i18n/index.ts';
import { useLoad } from '../lib/use-load.ts';
import { Loaded, Section, TableScroll } from './ui.tsx';

const rate = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const days = (value: number | null) => (value === null ? '—' : String(value));

export function ReviewFigures() {
  const [year, setYear] = useState(new Date().getFullYear());
  const figures = useLoad(() => api.reviewFigures(year), [year]);
  return (
    <Section title={t('reviews.figures')} id="review-figures">
      <label for="figures-year">{t('reviews.year')}</label>
      <input
        id="figures-year"
        type="number"
        min={2000}
        max={2100}
        value={year}
        onChange={(e) => {
          const value = Number(e.currentTarget.value);
          if (Number.isInteger(value) && value >= 2000 && value <= 2100) setYear(value);
        }}
      />
      <Loaded data={figures.data} error={figures.error}>
        {(data) => (
          <>
            <p>
              {t('reviews.figuresLine', {
                reviews: data.reviews,
                passed: data.passed,
                conditional: data.passedWithConditions,
                rejected: data.rejected,
                rate: rate(data.passRate),
                days: days(data.meanWorkingDaysToDecision),
              })}
            </p>
            {data.months.length ? (
              <TableScroll label={t('reviews.byMonth')}>
                <table>
                  <caption>{t('reviews.byMonth')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('reviews.month')}</th>
                      <th scope="col">{t('reviews.decided')}</th>
                      <th scope="col">{t('reviews.passed')}</th>
                      <th scope="col">{t('reviews.passedWithConditions')}</th>
                      <th scope="col">{t('reviews.rejected')}</th>
                      <th scope="col">{t('reviews.passRate')}</th>
                      <th scope="col">{t('reviews.meanDays')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.months.map((m) => (
                      <tr key={m.month}>
                        <th scope="row">{m.month}</th>
                        <td>{m.reviews}</td>
                        <td>{m.passed}</td>
                        <td>{m.passedWithConditions}</td>
                        <td>{m.rejected}</td>
                        <td>{rate(m.passRate)}</td>
                        <td>{days(m.meanWorkingDaysToDecision)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            ) : null}
            {data.rejectionReasons.length ? (
              <>
                <h3>{t('reviews.rejectionReasons')}</h3>
                <ul>
                  {data.rejectionReasons.map((r) => (
                    <li key={`${r.industry}-${r.reason}`}>
                      {tOr(`expert.value.${r.industry}`, r.industry)} ·{' '}
                      {tOr(`expert.reason.${r.reason}`, r.reason)}：{r.count}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        )}
      </Loaded>
    </Section>
  );
}

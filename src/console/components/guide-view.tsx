/**
 * The guide's answer (POST /api/v1/guide): the case limit, the departments, materials, fees and inspections a
 * workflow applies to the facts given, each entry still open saying what it depends on.
 */
import type { Guide } from '../api/index.ts';
import { fieldLabel } from './schema-form.tsx';
import { Section, TableScroll } from './ui.tsx';
import { fmtMoney, lang, localName, t, tDept, tOr } from '../i18n/index.ts';

/** "depends on floor area, …", or nothing when the entry is decided. */
function Depends({ on }: { on: readonly string[] }) {
  if (!on.length) return null;
  return (
    <span class="muted">{t('guide.dependsOn', { fields: on.map((f) => fieldLabel(f)).join('、') })}</span>
  );
}

function days(figure: Guide['caseLimit']): string {
  if (figure.value !== null) return t('guide.days', { days: figure.value });
  if (figure.atLeast === null) return '—';
  return t('guide.daysRange', { from: figure.atLeast, to: figure.atMost ?? figure.atLeast });
}

/** The answer of the guide, section by section. */
export function GuideView({ guide }: { guide: Guide }) {
  return (
    <div class="guide-answer" aria-live="polite">
      <Section title={t('guide.caseLimit')} id="guide-limit">
        <p>
          <strong>{days(guide.caseLimit)}</strong> <Depends on={guide.caseLimit.dependsOn} />
        </p>
        <p class="hint">{t('guide.caseLimitHint')}</p>
      </Section>
      <Section title={t('guide.departments')} id="guide-departments">
        <TableScroll label={t('guide.departments')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('guide.department')}</th>
                <th scope="col">{t('guide.step')}</th>
                <th scope="col">{t('guide.limit')}</th>
                <th scope="col">{t('guide.note')}</th>
              </tr>
            </thead>
            <tbody>
              {guide.departments.map((d) => (
                <tr key={`${d.department}/${d.action}`} data-department={d.department}>
                  <td data-label={t('guide.department')}>{tDept(d.department)}</td>
                  <td data-label={t('guide.step')}>{tOr(`step.${d.action}`, d.action)}</td>
                  <td data-label={t('guide.limit')}>{days({ ...d.limitDays, dependsOn: [] })}</td>
                  <td data-label={t('guide.note')}>
                    <Depends on={d.dependsOn} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>
      <Section title={t('guide.materials')} id="guide-materials">
        <TableScroll label={t('guide.materials')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('guide.material')}</th>
                <th scope="col">{t('guide.readBy')}</th>
                <th scope="col">{t('guide.pledgeable')}</th>
                <th scope="col">{t('guide.note')}</th>
              </tr>
            </thead>
            <tbody>
              {guide.materials.map((m) => (
                <tr key={m.code} data-material={m.code}>
                  <td data-label={t('guide.material')}>
                    {m.name}
                    <div class="hint">{m.basis}</div>
                  </td>
                  <td data-label={t('guide.readBy')}>{m.departments.map(tDept).join('、')}</td>
                  <td data-label={t('guide.pledgeable')}>{m.pledgeable ? t('guide.pledgeableYes') : '—'}</td>
                  <td data-label={t('guide.note')}>
                    <Depends on={m.dependsOn} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>
      <Section title={t('guide.fees')} id="guide-fees">
        <TableScroll label={t('guide.fees')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('guide.fee')}</th>
                <th scope="col">{t('guide.collectedBy')}</th>
                <th scope="col">{t('guide.rate')}</th>
                <th scope="col">{t('guide.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {guide.fees.map((f) => (
                <tr key={f.code} data-fee={f.code}>
                  <td data-label={t('guide.fee')}>
                    {localName(f.name)}
                    {lang.get() === 'en' ? <div class="hint">{f.basis}</div> : null}
                  </td>
                  <td data-label={t('guide.collectedBy')}>{tDept(f.department)}</td>
                  <td data-label={t('guide.rate')}>
                    {f.rate === null ? '—' : `${fmtMoney(f.rate)} / ${tOr(`guide.unit.${f.unit}`, f.unit)}`}
                  </td>
                  <td data-label={t('guide.amount')}>
                    {f.amount === null ? <Depends on={f.dependsOn} /> : fmtMoney(f.amount)}
                    {f.unit === 'certificate' ? <div class="hint">{t('guide.perCertificate')}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>
      <Section title={t('guide.inspections')} id="guide-inspections">
        {guide.inspections.length ? (
          <ul>
            {guide.inspections.map((i) => (
              <li key={i.code} data-inspection={i.code}>
                {localName(i.name)} · {tDept(i.department)} <Depends on={i.dependsOn} />
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('guide.noInspections')}</p>
        )}
      </Section>
    </div>
  );
}

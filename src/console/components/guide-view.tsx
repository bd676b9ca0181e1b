/**
 * The guide's answer (POST /api/v1/guide): the case limit, the departments, materials, fees and inspections a
 * workflow applies to the facts given, each entry still open saying what it depends on.
 */
import type { Guide } from '../api/index.ts';
import { fieldLabel } from './schema-form.tsx';
import { DataTable, Section } from './ui.tsx';
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
        <DataTable
          label={t('guide.departments')}
          rows={guide.departments}
          rowKey={(d) => `${d.department}/${d.action}`}
          rowAttributes={(d) => ({ 'data-department': d.department })}
          columns={[
            { label: t('guide.department'), cell: (d) => tDept(d.department) },
            { label: t('guide.step'), cell: (d) => tOr(`step.${d.action}`, d.action) },
            { label: t('guide.limit'), cell: (d) => days({ ...d.limitDays, dependsOn: [] }) },
            { label: t('guide.note'), cell: (d) => <Depends on={d.dependsOn} /> },
          ]}
        />
      </Section>
      <Section title={t('guide.materials')} id="guide-materials">
        <DataTable
          label={t('guide.materials')}
          rows={guide.materials}
          rowKey={(m) => m.code}
          rowAttributes={(m) => ({ 'data-material': m.code })}
          columns={[
            {
              label: t('guide.material'),
              cell: (m) => (
                <>
                  {m.name}
                  <div class="hint">{m.basis}</div>
                </>
              ),
            },
            { label: t('guide.readBy'), cell: (m) => m.departments.map(tDept).join('、') },
            { label: t('guide.pledgeable'), cell: (m) => (m.pledgeable ? t('guide.pledgeableYes') : '—') },
            { label: t('guide.note'), cell: (m) => <Depends on={m.dependsOn} /> },
          ]}
        />
      </Section>
      <Section title={t('guide.fees')} id="guide-fees">
        <DataTable
          label={t('guide.fees')}
          rows={guide.fees}
          rowKey={(f) => f.code}
          rowAttributes={(f) => ({ 'data-fee': f.code })}
          columns={[
            {
              label: t('guide.fee'),
              cell: (f) => (
                <>
                  {localName(f.name)}
                  {lang.get() === 'en' ? <div class="hint">{f.basis}</div> : null}
                </>
              ),
            },
            { label: t('guide.collectedBy'), cell: (f) => tDept(f.department) },
            {
              label: t('guide.rate'),
              cell: (f) =>
                f.rate === null ? '—' : `${fmtMoney(f.rate)} / ${tOr(`guide.unit.${f.unit}`, f.unit)}`,
            },
            {
              label: t('guide.amount'),
              cell: (f) => (
                <>
                  {f.amount === null ? <Depends on={f.dependsOn} /> : fmtMoney(f.amount)}
                  {f.unit === 'certificate' ? <div class="hint">{t('guide.perCertificate')}</div> : null}
                </>
              ),
            },
          ]}
        />
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

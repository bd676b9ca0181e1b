/**
 * The administrator publishes a year of the working calendar from the State Council's notice (each November):
 * the holidays and the weekend days worked instead, checked in a preview before publishing.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { adminApi } from '../api/admin.ts';
import { ApiError, type CalendarYear } from '../api/index.ts';
import { ErrorNotice, Section } from '../components/ui.tsx';
import { fmtDate, fmtDateTime, t } from '../i18n/index.ts';
import { useLoad } from '../lib/use-load.ts';

type Holiday = CalendarYear['holidays'][number];

/** The holidays typed, or why they cannot be read. */
function readHolidays(text: string): Holiday[] | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return t('admin.notJson');
  }
  const ok =
    Array.isArray(value) &&
    value.every(
      (h) => h && typeof h.name === 'string' && Array.isArray(h.daysOff) && Array.isArray(h.makeUpWorkdays),
    );
  return ok ? (value as Holiday[]) : t('admin.calendarShape');
}

const days = (dates: string[]) =>
  dates.length ? dates.map((d) => fmtDate(`${d}T12:00:00+08:00`)).join('、') : '—';

export function AdminCalendarPage() {
  const [year, setYear] = useState(new Date().getFullYear() + 1);
  const current = useLoad(
    () =>
      adminApi
        .calendar(year)
        .catch((e) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e))),
    [year],
  );
  const [text, setText] = useState('[]');
  const [source, setSource] = useState('');
  const [preview, setPreview] = useState<Holiday[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<{ year: number; workingDays: number } | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    setText(JSON.stringify(current.data?.holidays ?? [], null, 2));
    setSource(current.data?.source ?? '');
    setPreview(null);
  }, [current.data]);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const check = (event: Event) => {
    event.preventDefault();
    setProblem(null);
    setError(null);
    setDone(null);
    const holidays = readHolidays(text);
    if (typeof holidays === 'string') setProblem(holidays);
    else setPreview(holidays);
  };
  const publish = async () => {
    if (!preview) return;
    try {
      const body = { holidays: preview, ...(source.trim() ? { source: source.trim() } : {}) };
      setDone(await adminApi.publishCalendar(year, body));
      setPreview(null);
      current.reload();
    } catch (caught) {
      setError(caught);
    }
    setConfirming(false);
  };

  return (
    <>
      <h1>{t('admin.calendarTitle')}</h1>
      <p class="lead">{t('admin.calendarLead')}</p>
      <Section title={t('admin.calendarYear')} id="calendar-year">
        <div class="field">
          <label for="calendar-year-input">{t('admin.year')}</label>
          <input
            id="calendar-year-input"
            type="number"
            min={2000}
            max={2100}
            value={year}
            onChange={(e) => {
              const next = Number(e.currentTarget.value);
              if (Number.isInteger(next) && next >= 2000 && next <= 2100) setYear(next);
            }}
          />
        </div>
        <p class="muted" role="status" id="calendar-status">
          {current.loading
            ? t('common.loading')
            : current.data
              ? t('admin.calendarPublished', {
                  year,
                  workingDays: current.data.workingDays,
                  at: fmtDateTime(current.data.publishedAt),
                })
              : t('admin.calendarUnpublished', { year })}
        </p>
        <ErrorNotice error={current.error} />
      </Section>
      <Section title={t('admin.publishSection')} id="calendar-publish">
        <form onSubmit={check} noValidate>
          <div class="field">
            <label for="calendar-source">{t('admin.calendarSource')}</label>
            <input id="calendar-source" value={source} onInput={(e) => setSource(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="calendar-holidays">{t('admin.holidays')}</label>
            <p class="hint" id="calendar-holidays-hint">
              {t('admin.holidaysHint')}
            </p>
            <textarea
              id="calendar-holidays"
              class="code"
              rows={12}
              spellcheck={false}
              aria-describedby="calendar-holidays-hint"
              value={text}
              onInput={(e) => {
                setText(e.currentTarget.value);
                setPreview(null);
                setConfirming(false);
              }}
            />
          </div>
          {problem ? (
            <p class="notice error" role="alert">
              {problem}
            </p>
          ) : null}
          <ErrorNotice error={error} />
          {done ? (
            <p class="notice good" role="status">
              {t('admin.calendarDone', done)}
            </p>
          ) : null}
          <div class="row-actions">
            <button type="submit">{t('admin.preview')}</button>
            {preview && !confirming ? (
              <button type="button" class="primary" onClick={() => setConfirming(true)}>
                {t('admin.publish')}
              </button>
            ) : null}
          </div>
          {preview ? (
            <div class="table-scroll">
              <table id="calendar-preview">
                <caption>{t('admin.previewCaption', { year, count: preview.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.holiday')}</th>
                    <th scope="col">{t('admin.daysOff')}</th>
                    <th scope="col">{t('admin.makeUp')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.map((h) => (
                    <tr key={h.name}>
                      <th scope="row">{h.name}</th>
                      <td>{days(h.daysOff)}</td>
                      <td>{days(h.makeUpWorkdays)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {confirming ? (
            <div class="notice warn" role="group" aria-labelledby="calendar-confirm">
              <p id="calendar-confirm">{t('admin.confirmCalendar', { year })}</p>
              <div class="row-actions">
                <button type="button" class="primary" ref={confirmRef} onClick={publish}>
                  {t('admin.confirm')}
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  {t('admin.cancel')}
                </button>
              </div>
            </div>
          ) : null}
        </form>
      </Section>
    </>
  );
}

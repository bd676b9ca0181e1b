/**
 * Ratings (好差评) on a case page: the ratings the caller may see, each with its follow-up, and for the
 * enterprise or its agent the form that rates the case as a whole or a department's decision — five levels as
 * radio buttons (GB/T 39046 A.8), the channel, a text. The service decides what may be rated; a refusal says why.
 */
import { useState } from 'preact/hooks';
import { api, type Application, type Rating } from '../api/index.ts';
import { fmtDate, t, tDept, tOr, tStatus } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';
import { ErrorNotice } from './ui.tsx';

const LEVELS = [1, 2, 3, 4, 5] as const;
const CHANNELS = [1, 2, 3, 4] as const;

/** What a rating is about, as a reader names it. */
const targetName = (target: string) => (target === 'case' ? t('rating.wholeCase') : tDept(target));

export function Ratings(props: { app: Application; ratings: Rating[]; canRate: boolean; onDone(): void }) {
  return (
    <>
      {props.ratings.length ? (
        <ul class="plain">
          {props.ratings.map((rating) => (
            <li key={rating.id}>
              <strong>{tOr(`rating.level.${rating.level}`, rating.levelName)}</strong> ·{' '}
              {targetName(rating.target)} · {fmtDate(rating.ratedAt)}
              {rating.default ? ` · ${t('rating.default')}` : ''}
              {rating.excluded ? ` · ${t('rating.excluded')}` : ''}
              {rating.text ? <div class="muted">{rating.text}</div> : null}
              {rating.followUp ? (
                <div>
                  <Link href={`/rating-follow-ups/${rating.followUp.id}`}>
                    {t('rating.followUp', { status: tStatus(rating.followUp.status ?? '') })}
                  </Link>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('rating.none')}</p>
      )}
      {props.canRate ? <RateForm app={props.app} onDone={props.onDone} /> : null}
    </>
  );
}

/** The departments whose decision may be rated: those whose review is done on this case. */
function decidedDepartments(app: Application): string[] {
  const done = app.tasks.filter((task) => task.step === 'review' && task.status === 'closed');
  return [...new Set(done.map((task) => task.department))];
}

function RateForm({ app, onDone }: { app: Application; onDone(): void }) {
  const targets = [...(app.concludedAt ? ['case'] : []), ...decidedDepartments(app)];
  const [target, setTarget] = useState(targets[0] ?? 'case');
  const [level, setLevel] = useState<number | null>(null);
  const [channel, setChannel] = useState(2);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!targets.length) return <p class="hint">{t('rating.notYet')}</p>;
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      await api.rate(app.id, {
        level: level!,
        channel,
        ...(target === 'case' ? {} : { department: target }),
        ...(text.trim() ? { text: text.trim() } : {}),
      });
      setLevel(null);
      setText('');
      onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <form class="subform" onSubmit={submit} noValidate>
      <h3>{t('rating.rate')}</h3>
      <div class="field">
        <label for="rating-target">{t('rating.target')}</label>
        <select id="rating-target" value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
          {targets.map((value) => (
            <option key={value} value={value}>
              {targetName(value)}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t('rating.levelLegend')}</legend>
        {LEVELS.map((value) => (
          <label key={value} class="radio">
            <input
              type="radio"
              name="rating-level"
              value={value}
              checked={level === value}
              onChange={() => setLevel(value)}
            />{' '}
            {tOr(`rating.level.${value}`, String(value))}
          </label>
        ))}
      </fieldset>
      {level !== null && level >= 4 ? <p class="hint">{t('rating.badHint')}</p> : null}
      <div class="field">
        <label for="rating-channel">{t('rating.channel')}</label>
        <select
          id="rating-channel"
          value={channel}
          onChange={(e) => setChannel(Number(e.currentTarget.value))}
        >
          {CHANNELS.map((value) => (
            <option key={value} value={value}>
              {tOr(`rating.channel.${value}`, String(value))}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="rating-text">{t('rating.text')}</label>
        <textarea id="rating-text" rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </div>
      <ErrorNotice error={error} />
      <button type="submit" class="primary" disabled={level === null}>
        {t('rating.submit')}
      </button>
    </form>
  );
}

/**
 * The decisions this person may take now: exactly the events `allowedEvents` lists, each with its comment
 * field (required where the law asks for reasons) and the details some need (extension days, pledged papers).
 */
import { useRef, useState } from 'preact/hooks';
import { api, ApiError, type Application } from '../api/index.ts';
import { idempotencyKey } from '../api/client.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { t, tEvent, tOr } from '../i18n/index.ts';
import { errorMap } from './schema-form.tsx';
import { materialItems } from './materials.tsx';
import { ErrorNotice } from './ui.tsx';

/** Events whose comment the service requires (docs/api.md: reasons in writing, everything missing at once). */
const COMMENT_REQUIRED = new Set(['REQUEST_SUPPLEMENT', 'DENY', 'REFUSE', 'EXTEND']);
/** Events that end or refuse something: drawn as a warning. */
const DANGER = new Set(['DENY', 'REFUSE', 'WITHDRAW']);
/** Events asked about once more before they are sent: they cannot be undone. */
const CONFIRM = DANGER;
/** Events with a form of their own elsewhere on the case page (the objection names a panel member). */
const OWN_FORM = new Set(['OBJECTION']);

export function Decisions(props: { app: Application; maxExtensionDays: number; onDone(): void }) {
  const events = props.app.allowedEvents.filter(
    (type) => !(type === 'SUBMIT' && props.app.status === 'draft') && !OWN_FORM.has(type),
  );
  if (!events.length) return <p class="muted">{t('decisions.none')}</p>;
  return (
    <div class="decisions">
      {events.map((type) => (
        <Decision key={type} type={type} {...props} />
      ))}
    </div>
  );
}

function Decision({
  type,
  app,
  maxExtensionDays,
  onDone,
}: { type: string } & Parameters<typeof Decisions>[0]) {
  const [comment, setComment] = useState('');
  const [days, setDays] = useState('');
  const [items, setItems] = useState('');
  const [pledgeDate, setPledgeDate] = useState('');
  // Catalog codes ticked: the papers pledged (容缺), or the materials asked for with their reasons.
  const [ticked, setTicked] = useState<Record<string, string>>({});
  const catalogItems = materialItems(app);
  const pledgeable = catalogItems.filter((item) => item.pledgeable && item.status === 'missing');
  const tick = (code: string, on: boolean) =>
    setTicked((before) => {
      const next = { ...before };
      if (on) next[code] = next[code] ?? '';
      else delete next[code];
      return next;
    });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  // One decision, one key: a double click or a retry after a lost answer is sent once (docs/api.md).
  const key = useRef(idempotencyKey());
  const pending = useRef(false);
  const id = `decision-${type}`;
  const fields = error instanceof ApiError ? errorMap(error.errors) : {};
  const fieldError = (pointer: string) =>
    fields[pointer] ? (
      <p class="field-error" id={`${id}${pointer.replace(/\//g, '-')}-error`}>
        {fields[pointer]!.join(t('punct.listSep'))}
      </p>
    ) : null;

  const submit = (event: Event) => {
    event.preventDefault();
    if (CONFIRM.has(type)) setAsking(true);
    else void send();
  };

  const send = async () => {
    setAsking(false);
    if (pending.current) return;
    pending.current = true;
    setBusy(true);
    setError(null);
    const data =
      type === 'EXTEND'
        ? { workingDays: Number(days) }
        : type === 'ACCEPT_WITH_DEFICIENCIES'
          ? {
              // The catalog's codes once the case lists its materials; free text on a service without them.
              items: catalogItems.length
                ? Object.keys(ticked)
                : items
                    .split('\n')
                    .map((s) => s.trim())
                    .filter(Boolean),
              pledgeDate,
            }
          : type === 'REQUEST_SUPPLEMENT' && Object.keys(ticked).length
            ? { materials: Object.entries(ticked).map(([code, reason]) => ({ code, reason: reason.trim() })) }
            : undefined;
    try {
      await api.send(
        app.id,
        {
          type,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
          ...(data ? { data } : {}),
        },
        key.current,
      );
      key.current = idempotencyKey();
      setComment('');
      setTicked({});
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      pending.current = false;
      setBusy(false);
    }
  };

  const required = COMMENT_REQUIRED.has(type);
  const form = (
    <form
      class={`decision${DANGER.has(type) ? ' danger' : ''}`}
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`}>{tEvent(type)}</h3>
      <p class="hint">{tOr(`eventHelp.${type}`, '')}</p>
      {type === 'EXTEND' ? (
        <div class="field">
          <label for={`${id}-days`}>{t('decisions.extendDays', { max: maxExtensionDays })}</label>
          <input
            id={`${id}-days`}
            inputMode="numeric"
            value={days}
            onInput={(e) => setDays(e.currentTarget.value)}
          />
          {fieldError('/data/workingDays')}
        </div>
      ) : null}
      {type === 'ACCEPT_WITH_DEFICIENCIES' ? (
        <>
          {catalogItems.length ? (
            <fieldset class="field">
              <legend>{t('materials.pledgeItems')}</legend>
              {pledgeable.map((item) => (
                <label key={item.code} class="check">
                  <input
                    type="checkbox"
                    checked={item.code in ticked}
                    onChange={(e) => tick(item.code, e.currentTarget.checked)}
                  />{' '}
                  {item.name}
                </label>
              ))}
              {fieldError('/data/items')}
            </fieldset>
          ) : (
            <div class="field">
              <label for={`${id}-items`}>{t('decisions.missingItems')}</label>
              <textarea
                id={`${id}-items`}
                rows={2}
                value={items}
                onInput={(e) => setItems(e.currentTarget.value)}
              />
              {fieldError('/data/items')}
            </div>
          )}
          <div class="field">
            <label for={`${id}-pledge`}>{t('decisions.pledgeDate')}</label>
            <input
              id={`${id}-pledge`}
              type="date"
              value={pledgeDate}
              onInput={(e) => setPledgeDate(e.currentTarget.value)}
            />
            {fieldError('/data/pledgeDate')}
          </div>
        </>
      ) : null}
      {type === 'REQUEST_SUPPLEMENT' && catalogItems.length ? (
        <fieldset class="field">
          <legend>{t('materials.pick')}</legend>
          {catalogItems.map((item, i) => (
            <div key={item.code} class="material-pick">
              <label class="check">
                <input
                  type="checkbox"
                  checked={item.code in ticked}
                  onChange={(e) => tick(item.code, e.currentTarget.checked)}
                />{' '}
                {item.name}
              </label>
              {item.code in ticked ? (
                <input
                  aria-label={`${item.name} ${t('materials.reason')}`}
                  placeholder={t('materials.reason')}
                  value={ticked[item.code]}
                  onInput={(e) => setTicked({ ...ticked, [item.code]: e.currentTarget.value })}
                />
              ) : null}
              {fieldError(`/data/materials/${Object.keys(ticked).indexOf(item.code)}/reason`)}
              {i === 0 ? fieldError('/data/materials') : null}
            </div>
          ))}
        </fieldset>
      ) : null}
      <div class="field">
        <label for={`${id}-comment`}>
          {required ? t('decisions.commentRequired') : t('decisions.comment')}
        </label>
        <textarea
          id={`${id}-comment`}
          rows={2}
          value={comment}
          aria-required={required ? 'true' : undefined}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
        {fieldError('/comment')}
      </div>
      {error && !(error instanceof ApiError && error.errors.length) ? <ErrorNotice error={error} /> : null}
      {error instanceof ApiError && error.errors.length ? (
        <p class="field-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <button type="submit" class={DANGER.has(type) ? 'danger' : 'primary'} disabled={busy}>
        {tEvent(type)}
      </button>
      <ConfirmDialog
        open={asking}
        title={t('confirm.decisionTitle', { action: tEvent(type) })}
        body={type === 'WITHDRAW' ? t('confirm.withdrawBody') : t('confirm.decisionBody')}
        confirm={tEvent(type)}
        onConfirm={() => void send()}
        onCancel={() => setAsking(false)}
      />
    </form>
  );
  // Withdrawing is always open to the enterprise and ends the case: kept folded away, never the first thing seen.
  return type === 'WITHDRAW' ? (
    <details class="decision-fold">
      <summary>{tEvent(type)}</summary>
      {form}
    </details>
  ) : (
    form
  );
}

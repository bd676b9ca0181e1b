/**
 * Publishing a new version of a published list: the version in force as the starting text (or a file), the
 * changes against it, then publishing after a confirmation. The service checks the version and says what is
 * wrong with which field; nothing is published until it accepts.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNotice } from './ui.tsx';
import { VersionDiff, versionChanges, type DiffList, type VersionChanges } from './version-diff.tsx';
import { fmtDateTime, localName, t } from '../i18n/index.ts';

/** A version in force: its number, when and where it was published, and its lists. */
export interface InForce {
  version: number;
  publishedAt: string;
  source?: string;
}

/** The body to publish from the version in force: its lists and source, without what the service sets. */
export function bodyOf(current: object): object {
  const {
    version: _version,
    publishedAt: _publishedAt,
    workflow: _workflow,
    ...body
  } = current as Record<string, unknown>;
  return body;
}

export function VersionPublisher(props: {
  id: string;
  current: InForce;
  lists: readonly DiffList[];
  publish(body: object): Promise<{ version: number }>;
  onPublished(): void;
}) {
  const { id, current, lists } = props;
  const [text, setText] = useState('');
  const [changes, setChanges] = useState<{ body: object; diff: VersionChanges } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [published, setPublished] = useState<number | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    setText(JSON.stringify(bodyOf(current), null, 2));
    setChanges(null);
  }, [current.version]);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const edit = (next: string) => {
    setText(next);
    setChanges(null);
    setConfirming(false);
  };
  const compare = (event: Event) => {
    event.preventDefault();
    setProblem(null);
    setError(null);
    setPublished(null);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      setProblem(t('admin.notJson'));
      return;
    }
    const shaped =
      body && typeof body === 'object' && lists.every((l) => Array.isArray((body as never)[l.key]));
    if (!shaped) {
      setProblem(t('admin.notShape', { lists: lists.map((l) => l.title).join('、') }));
      return;
    }
    setChanges({ body: body as object, diff: versionChanges(bodyOf(current), body as object, lists) });
  };
  const load = async (file: File | undefined) => {
    if (file) edit(await file.text());
  };
  const publish = async () => {
    if (!changes) return;
    setError(null);
    try {
      const answer = await props.publish(changes.body);
      setPublished(answer.version);
      setConfirming(false);
      setChanges(null);
      props.onPublished();
    } catch (caught) {
      setConfirming(false);
      setError(caught);
    }
  };

  return (
    <form onSubmit={compare} noValidate>
      <p class="muted" id={`${id}-in-force`}>
        {t('admin.inForce', {
          version: current.version,
          at: fmtDateTime(current.publishedAt),
          source: current.source ? localName(current.source) : t('admin.none'),
        })}
      </p>
      <div class="field">
        <label for={`${id}-text`}>{t('admin.newVersion')}</label>
        <p class="hint" id={`${id}-hint`}>
          {t('admin.newVersionHint')}
        </p>
        <textarea
          id={`${id}-text`}
          class="code"
          rows={14}
          spellcheck={false}
          aria-describedby={`${id}-hint`}
          value={text}
          onInput={(e) => edit(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`${id}-file`}>{t('admin.loadFile')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept="application/json,.json"
          onChange={(e) => load(e.currentTarget.files?.[0])}
        />
      </div>
      {problem ? (
        <p class="notice error" role="alert">
          {problem}
        </p>
      ) : null}
      <ErrorNotice error={error} />
      {published !== null ? (
        <p class="notice good" role="status">
          {t('admin.published', { version: published })}
        </p>
      ) : null}
      <div class="row-actions">
        <button type="submit">{t('admin.compare')}</button>
        {changes && changes.diff.count && !confirming ? (
          <button type="button" class="primary" onClick={() => setConfirming(true)}>
            {t('admin.publish')}
          </button>
        ) : null}
      </div>
      {changes ? <VersionDiff changes={changes.diff} /> : null}
      {confirming ? (
        <div class="notice warn" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>{t('admin.confirmPublish', { version: current.version + 1 })}</p>
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
  );
}

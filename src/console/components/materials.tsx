/**
 * A case's materials (申请材料): each catalog item with where it stands (`requiredMaterials` of the case view),
 * its files with a preview of PDFs and images and a download, and for the enterprise an upload per item — drag
 * and drop or a file button, a progress bar from the browser's upload progress, and a retry when it fails.
 * A clerk of a department sees the items that department reads; the window and auditors see them all.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Application } from '../api/index.ts';
import { fmtDateTime, fmtNumber, t, tDept, tOr } from '../i18n/index.ts';
import type { Session } from '../lib/session.ts';
import {
  downloadMaterial,
  materialBlob,
  uploadMaterial,
  type CaseMaterialItem,
  type MaterialFile,
} from '../lib/upload.ts';
import { ErrorNotice } from './ui.tsx';

const TONE: Record<CaseMaterialItem['status'], string> = {
  missing: 'bad',
  provided: 'good',
  pledged: 'warn',
  requested: 'warn',
};

/** The case view's items; absent before the service has materials. */
export function materialItems(app: Application): CaseMaterialItem[] {
  return ((app as { requiredMaterials?: CaseMaterialItem[] }).requiredMaterials ?? []) as CaseMaterialItem[];
}

/** Whether the enterprise may hand in the item now (the service decides; this only hides a sure refusal). */
export function mayUpload(app: Application, item: CaseMaterialItem, role: string): boolean {
  if (role !== 'applicant' && role !== 'agent') return false;
  return app.status === 'draft' || app.status === 'supplementing' || item.status === 'pledged';
}

export function Materials(props: {
  app: Application;
  session: Session;
  onDone(): void;
  /** Only these codes (the supplement page); all when absent. */
  only?: readonly string[];
  reasons?: Readonly<Record<string, string>>;
}) {
  const { app, session } = props;
  const { role, org } = session.claims;
  const ownDepartment = role === 'clerk' && org && org !== 'window' ? org : null;
  const items = materialItems(app).filter(
    (item) =>
      (!ownDepartment || item.departments.includes(ownDepartment)) &&
      (!props.only || props.only.includes(item.code)),
  );
  if ((app as { materialsOnPaper?: boolean }).materialsOnPaper) {
    return <p class="muted">{t('materials.onPaper')}</p>;
  }
  if (!items.length) return <p class="muted">{t('materials.none')}</p>;
  return (
    <ul class="plain materials">
      {items.map((item) => (
        <li key={item.code} class="material-item" data-code={item.code}>
          <div class="material-head">
            <strong>{item.name}</strong>
            <span class={`badge ${TONE[item.status]}`}>
              {tOr(`materials.status.${item.status}`, item.status)}
            </span>
            {item.pledgeable ? <span class="muted">{t('guide.pledgeableYes')}</span> : null}
          </div>
          <p class="muted">{item.departments.map(tDept).join('、')}</p>
          {props.reasons?.[item.code] ? <blockquote>{props.reasons[item.code]}</blockquote> : null}
          {item.materials.length ? (
            <ul class="plain material-files">
              {item.materials.map((file) => (
                <MaterialRow key={file.id} caseId={app.id} file={file} />
              ))}
            </ul>
          ) : null}
          {mayUpload(app, item, role) ? (
            <UploadBox caseId={app.id} item={item} onDone={props.onDone} />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function size(bytes: number | null): string {
  if (bytes === null) return '';
  return bytes >= 1024 * 1024 ? `${fmtNumber(bytes / 1024 / 1024)} MB` : `${fmtNumber(bytes / 1024)} KB`;
}

const PREVIEWABLE = (type: string | null) => type === 'application/pdf' || !!type?.startsWith('image/');

function MaterialRow({ caseId, file }: { caseId: string; file: MaterialFile }) {
  const [preview, setPreview] = useState<{ url: string; type: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => () => preview && URL.revokeObjectURL(preview.url), [preview]);
  const name = file.fileName ?? (file.licence ? t('materials.licence', { number: file.licence }) : file.code);
  const show = async () => {
    setError(null);
    try {
      const blob = await materialBlob(caseId, file.id);
      // The stored type, not the blob's guess: the service answers it with nosniff.
      setPreview({ url: blob.url, type: file.mediaType ?? blob.type });
    } catch (caught) {
      setError(caught);
    }
  };
  const save = async () => {
    setError(null);
    try {
      await downloadMaterial(caseId, file);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <li class="material-file" data-material={file.id}>
      <span class="file-name">{name}</span>{' '}
      <span class="muted">
        {[file.mediaType, size(file.bytes), fmtDateTime(file.uploadedAt)].filter(Boolean).join(' · ')}
      </span>{' '}
      {file.fileName && PREVIEWABLE(file.mediaType) ? (
        preview ? (
          <button type="button" onClick={() => setPreview(null)}>
            {t('materials.closePreview')}
          </button>
        ) : (
          <button type="button" onClick={show} aria-label={t('materials.previewOf', { name })}>
            {t('materials.preview')}
          </button>
        )
      ) : null}{' '}
      {file.fileName ? (
        <button type="button" onClick={save} aria-label={t('materials.downloadOf', { name })}>
          {t('materials.download')}
        </button>
      ) : null}
      <ErrorNotice error={error} />
      {preview ? (
        preview.type.startsWith('image/') ? (
          <img class="material-preview" src={preview.url} alt={name} />
        ) : (
          <iframe class="material-preview" src={preview.url} title={name} />
        )
      ) : null}
    </li>
  );
}

/** Drag and drop or pick a file; the bar follows the upload; a failure keeps the file for a retry. */
function UploadBox({ caseId, item, onDone }: { caseId: string; item: CaseMaterialItem; onDone(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = `upload-${item.code}`;

  const send = async (chosen: File) => {
    setFile(chosen);
    setError(null);
    setProgress(0);
    try {
      await uploadMaterial(caseId, item.code, chosen, setProgress).done;
      setFile(null);
      setProgress(null);
      onDone();
    } catch (caught) {
      setError(caught);
      setProgress(null);
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const dropped = event.dataTransfer?.files?.[0];
    if (dropped) void send(dropped);
  };

  return (
    <div
      class={`upload-box${over ? ' over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label for={id}>{t('materials.uploadFor', { name: item.name })}</label>
      <input
        ref={input}
        id={id}
        type="file"
        onChange={(event) => {
          const chosen = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (chosen) void send(chosen);
        }}
      />
      <span class="hint">{t('materials.dropHint')}</span>
      {progress !== null ? (
        <progress max={1} value={progress} aria-label={t('materials.progress', { name: file?.name ?? '' })} />
      ) : null}
      {error ? (
        <div class="upload-failed">
          <ErrorNotice error={error} />
          {file ? (
            <button type="button" onClick={() => void send(file)}>
              {t('materials.retry')}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

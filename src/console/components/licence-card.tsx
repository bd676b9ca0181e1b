/**
 * One electronic licence: its status, large and unmistakable, the facts a bank or an inspector checks, the PDF
 * and the QR code of its public verification page. The enterprise's case page and the public page share it.
 */
import QRCode from 'qrcode';
import { useEffect, useState } from 'preact/hooks';
import { api, type Licence } from '../api/index.ts';
import { fmtDate, t, tOr } from '../i18n/index.ts';

const TONE: Record<string, string> = {
  valid: 'good',
  in_force: 'good',
  lapsed: 'error',
  revoked: 'error',
  superseded: 'warn',
};

/** The status as words, in the tone a reader sees at a glance. */
export function LicenceStatus({ status, large = false }: { status: string; large?: boolean }) {
  return (
    <p class={`notice ${TONE[status] ?? 'neutral'} licence-status${large ? ' large' : ''}`} role="status">
      <strong>{tOr(`licence.status.${status}`, status)}</strong>
    </p>
  );
}

export function LicenceCard({ licence, large = false }: { licence: Licence; large?: boolean }) {
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(licence.verificationUrl, { errorCorrectionLevel: 'M', margin: 2, width: 200 })
      .then((url) => live && setQr(url))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [licence.verificationUrl]);
  return (
    <article class="licence" aria-label={tOr(`licence.type.${licence.type}`, licence.type)}>
      <h2>{tOr(`licence.type.${licence.type}`, licence.type)}</h2>
      <LicenceStatus status={licence.status} large={large} />
      <dl class="facts">
        <div>
          <dt>{t('licence.number')}</dt>
          <dd class="licence-number">{licence.number}</dd>
        </div>
        <div>
          <dt>{t('licence.holder')}</dt>
          <dd>
            {licence.holder.name}（{licence.holder.uscc}）
          </dd>
        </div>
        <div>
          <dt>{t('licence.project')}</dt>
          <dd>{licence.project.name}</dd>
        </div>
        <div>
          <dt>{t('licence.issuedAt')}</dt>
          <dd>{fmtDate(licence.issuedAt)}</dd>
        </div>
        {licence.startWorksBy ? (
          <div>
            <dt>{t('licence.startWorksBy')}</dt>
            <dd>
              {licence.startWorksBy}
              {licence.extensions.length
                ? ` · ${t('licence.extensions', { count: licence.extensions.length })}`
                : ''}
            </dd>
          </div>
        ) : null}
        {licence.revocationReason !== undefined ? (
          <div>
            <dt>{t('licence.revocationReason')}</dt>
            <dd>{licence.revocationReason}</dd>
          </div>
        ) : null}
      </dl>
      {licence.supersedes ? (
        <p class="muted">{t('licence.supersedes', { number: licence.supersedes })}</p>
      ) : null}
      <p>
        <a class="button" href={api.licencePdfUrl(licence.number)} download={`licence-${licence.number}.pdf`}>
          {t('licence.pdf')}
        </a>
      </p>
      {qr ? <img class="licence-qr" src={qr} alt={t('licence.qr')} width={200} height={200} /> : null}
      <p class="muted">{t('licence.signature', { keyId: licence.signature.keyId })}</p>
    </article>
  );
}

/** Chain verification of a case (auditors): the service recomputes the hash chain of its history. */
import { useState } from 'preact/hooks';
import { api, type ChainVerification } from '../api/index.ts';
import { t } from '../i18n/index.ts';
import { ErrorNotice } from './ui.tsx';

export function VerifyChain({ caseId }: { caseId: string }) {
  const [result, setResult] = useState<ChainVerification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const verify = async () => {
    setError(null);
    setResult(null);
    try {
      setResult(await api.verify(caseId));
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <div class="verify">
      <button type="button" onClick={verify}>
        {t('verify.button')}
      </button>
      <div role="status">
        {result ? (
          <p class={`notice ${result.ok ? 'good' : 'error'}`}>
            {result.ok
              ? t('verify.ok', { checked: result.checked })
              : t('verify.bad', { checked: result.checked, seq: result.firstBadSeq ?? '—' })}
          </p>
        ) : null}
      </div>
      <ErrorNotice error={error} />
    </div>
  );
}

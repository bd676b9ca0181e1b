/** The public verification page `/verify/:number`: what the QR code opens, for anyone, without signing in. */
import { api, ApiError } from '../api/index.ts';
import { LicenceCard } from '../components/licence-card.tsx';
import { Loaded } from '../components/ui.tsx';
import { t } from '../i18n/index.ts';
import { useLoad } from '../lib/use-load.ts';

export function VerifyPage({ number }: { number: string }) {
  const found = useLoad(() => api.licence(number), [number]);
  const missing = found.error instanceof ApiError && found.error.status === 404;
  return (
    <main class="verify-page" id="main">
      <h1>{t('licence.verifyTitle')}</h1>
      {missing ? (
        <p class="notice error licence-status large" role="status">
          <strong>{t('licence.notFound', { number })}</strong>
        </p>
      ) : (
        <Loaded data={found.data} error={found.error}>
          {(licence) => <LicenceCard licence={licence} large />}
        </Loaded>
      )}
    </main>
  );
}

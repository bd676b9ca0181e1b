import { t } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';

export function NotFound() {
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link href="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}

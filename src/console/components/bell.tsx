/** The bell in the header: the unread count, opening the list of messages; refreshed every minute. */
import { useEffect } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { Link, useLocation } from '../lib/router.tsx';
import { useStore } from '../lib/store.ts';
import { refreshUnread, unread } from '../lib/unread.ts';

const EVERY_MS = 60_000;

export function Bell() {
  const count = useStore(unread);
  const { path } = useLocation();
  useEffect(() => {
    void refreshUnread();
  }, [path]);
  useEffect(() => {
    const timer = setInterval(() => void refreshUnread(), EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  const label = count ? t('bell.unread', { count }) : t('bell.none');
  return (
    <Link href="/notifications" class="bell" aria-label={label} title={label}>
      <span aria-hidden="true">🔔</span>
      <span class="bell-word">{t('bell.word')}</span>
      {count ? (
        <span class="bell-count" data-testid="unread-count">
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </Link>
  );
}

/** The signed-in person's messages, newest first: each names its case, and can be marked read. */
import { useState } from 'preact/hooks';
import { api, type Notification } from '../api/index.ts';
import { ErrorNotice, Loaded } from '../components/ui.tsx';
import { fmtDateTime, t } from '../i18n/index.ts';
import { Link } from '../lib/router.tsx';
import { refreshUnread } from '../lib/unread.ts';
import { useLoad } from '../lib/use-load.ts';

export function NotificationsPage() {
  const [more, setMore] = useState<{ items: Notification[]; cursor: string | null } | null>(null);
  const first = useLoad(async () => {
    setMore(null);
    return api.notifications();
  }, []);
  const [error, setError] = useState<unknown>(null);

  const loadMore = async (cursor: string) => {
    try {
      const page = await api.notifications({ cursor });
      setMore((previous) => ({
        items: [...(previous?.items ?? []), ...page.items],
        cursor: page.nextCursor ?? null,
      }));
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <>
      <div class="page-head">
        <h1>{t('notifications.title')}</h1>
        <button type="button" onClick={first.reload}>
          {t('common.refresh')}
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      <Loaded data={first.data} error={first.error}>
        {(page) => {
          const items = [...page.items, ...(more?.items ?? [])];
          const cursor = more ? more.cursor : (page.nextCursor ?? null);
          if (!items.length) return <p class="muted">{t('notifications.empty')}</p>;
          return (
            <>
              <p class="lead">{t('notifications.summary', { unread: page.unreadCount })}</p>
              <ol class="messages">
                {items.map((message) => (
                  <MessageItem key={message.id} message={message} onError={setError} />
                ))}
              </ol>
              {cursor ? (
                <button type="button" onClick={() => void loadMore(cursor)}>
                  {t('notifications.more')}
                </button>
              ) : null}
            </>
          );
        }}
      </Loaded>
    </>
  );
}

function MessageItem({ message, onError }: { message: Notification; onError(error: unknown): void }) {
  const [read, setRead] = useState(message.read);
  const markRead = async () => {
    try {
      await api.readNotification(message.id);
      setRead(true);
      await refreshUnread();
    } catch (failure) {
      onError(failure);
    }
  };
  return (
    <li class={read ? 'message read' : 'message unread'} data-code={message.code}>
      <p class="message-meta">
        {read ? null : <span class="badge warn">{t('notifications.unread')}</span>}{' '}
        <time dateTime={message.createdAt}>{fmtDateTime(message.createdAt)}</time>
        {message.applicationId ? (
          <>
            {' · '}
            <Link href={`/cases/${message.applicationId}`}>
              {message.project?.name ?? t('notifications.case')}
            </Link>
          </>
        ) : null}
      </p>
      <p class="message-text" lang="zh-CN">
        {message.text}
      </p>
      {read ? null : (
        <button type="button" class="link-button" onClick={() => void markRead()}>
          {t('notifications.markRead')}
        </button>
      )}
    </li>
  );
}

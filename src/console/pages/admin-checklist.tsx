/** The administrator publishes a new checklist of fees and inspections, after seeing what it changes. */
import { adminApi } from '../api/admin.ts';
import { Loaded, Section } from '../components/ui.tsx';
import { VersionPublisher } from '../components/version-publisher.tsx';
import type { Checklist } from '../api/index.ts';
import { t } from '../i18n/index.ts';
import { useLoad } from '../lib/use-load.ts';

export function AdminChecklistPage() {
  const current = useLoad(() => adminApi.checklist(), []);
  const lists = [
    { key: 'fees', title: t('admin.fees') },
    { key: 'inspections', title: t('admin.inspections') },
  ];
  return (
    <>
      <h1>{t('admin.checklistTitle')}</h1>
      <p class="lead">{t('admin.checklistLead')}</p>
      <Section title={t('admin.publishSection')} id="checklist-publish">
        <Loaded data={current.data} error={current.error}>
          {(checklist) => (
            <VersionPublisher
              id="checklist"
              current={checklist}
              lists={lists}
              publish={(body) => adminApi.publishChecklist(body as Checklist)}
              onPublished={current.reload}
            />
          )}
        </Loaded>
      </Section>
    </>
  );
}

/** The administrator publishes a new material catalog of a workflow, after seeing what it changes. */
import { useState } from 'preact/hooks';
import { adminApi } from '../api/admin.ts';
import { api, type MaterialCatalog } from '../api/index.ts';
import { Loaded, Section } from '../components/ui.tsx';
import { VersionPublisher } from '../components/version-publisher.tsx';
import { t, tWorkflow } from '../i18n/index.ts';
import { useLoad } from '../lib/use-load.ts';

/** The workflows whose cases hand in papers (the others, delegation and licences, have no catalog). */
const FILED = ['construction-permit', 'completion-acceptance'];

export function AdminMaterialsPage() {
  const workflows = useLoad(() => api.workflows(), []);
  const [workflow, setWorkflow] = useState(FILED[0]!);
  const current = useLoad(() => adminApi.catalog(workflow), [workflow]);
  const choices = workflows.data?.items.filter((w) => FILED.includes(w.id)).map((w) => w.id) ?? FILED;
  return (
    <>
      <h1>{t('admin.materialsTitle')}</h1>
      <p class="lead">{t('admin.materialsLead')}</p>
      <div class="field">
        <label for="catalog-workflow">{t('admin.workflow')}</label>
        <select id="catalog-workflow" value={workflow} onChange={(e) => setWorkflow(e.currentTarget.value)}>
          {choices.map((id) => (
            <option key={id} value={id}>
              {tWorkflow(id)}
            </option>
          ))}
        </select>
      </div>
      <Section title={t('admin.publishSection')} id="catalog-publish">
        <Loaded data={current.data} error={current.error}>
          {(catalog) => (
            <VersionPublisher
              key={workflow}
              id="catalog"
              current={catalog}
              lists={[{ key: 'items', title: t('admin.materialItems') }]}
              publish={(body) => adminApi.publishCatalog(workflow, body as MaterialCatalog)}
              onPublished={current.reload}
            />
          )}
        </Loaded>
      </Section>
    </>
  );
}

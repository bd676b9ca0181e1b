/**
 * A new application, or a draft being completed: the project and the workflow's form as one form generated
 * from their JSON Schemas. Saving keeps a draft (POST, then merge patches); submitting saves and sends SUBMIT,
 * and the service's `errors[]` appear next to the fields they point at.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Application, type Workflow } from '../api/index.ts';
import { Materials } from '../components/materials.tsx';
import { PLEDGE_FIELD, PledgeChoice } from '../components/pledge-choice.tsx';
import { errorMap, fieldId, fieldLabel, SchemaForm, type ErrorMap } from '../components/schema-form.tsx';
import { ErrorNotice, Loaded } from '../components/ui.tsx';
import { t, tWorkflow } from '../i18n/index.ts';
import { contractSchemas } from '../lib/contract.ts';
import { Link, navigate } from '../lib/router.tsx';
import {
  fromDraft,
  mergePatch,
  toDraft,
  type Components,
  type Draft,
  type JsonSchema,
} from '../lib/schema.ts';
import { useSession } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';
import { WorkflowChoice } from './workflow-choice.tsx';

interface Loaded {
  workflow: Workflow;
  components: Components;
  app?: Application;
}

export function DraftPage(props: { caseId?: string; workflow?: string | null; applicant?: string | null }) {
  const session = useSession();
  const agent = session?.claims.role === 'agent';
  const loaded = useLoad(async (): Promise<Loaded | null> => {
    const app = props.caseId ? await api.application(props.caseId) : undefined;
    const workflowId = app?.workflow ?? props.workflow;
    if (!workflowId) return null;
    const [workflow, components] = await Promise.all([api.workflow(workflowId), contractSchemas()]);
    return { workflow, components, app };
  }, [props.caseId, props.workflow]);

  if (!props.caseId && !props.workflow) return <WorkflowChoice applicant={props.applicant} />;
  if (agent && !props.caseId && !props.applicant) return <WorkflowChoice applicant={null} />;
  return (
    <Loaded data={loaded.data ?? undefined} error={loaded.error}>
      {(data) => <DraftForm {...data} applicant={props.applicant ?? undefined} />}
    </Loaded>
  );
}

function DraftForm({ workflow, components, app, applicant }: Loaded & { applicant?: string }) {
  const projectSchema = components.project as JsonSchema;
  const formSchema = workflow.formSchema as JsonSchema;
  // pledge: the choice of approval on pledge has a component of its own, not generated fields.
  const { [PLEDGE_FIELD]: _pledge, ...shownProperties } = (formSchema.properties ?? {}) as Record<
    string,
    unknown
  >;
  const shownSchema = { ...formSchema, properties: shownProperties } as JsonSchema;
  const [project, setProject] = useState<Draft>(
    () => (toDraft(projectSchema, app?.project, components) as Draft) ?? {},
  );
  const [form, setForm] = useState<Draft>(() => (toDraft(formSchema, app?.form, components) as Draft) ?? {});
  const [saved, setSaved] = useState<Application | undefined>(app);
  // The saved draft as the case page reads it: its materials follow the form as saved.
  const [view, setView] = useState<Application | undefined>(app);
  const session = useSession();
  const refresh = async (caseId: string) => setView(await api.application(caseId));
  const [errors, setErrors] = useState<ErrorMap>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const summary = useRef<HTMLDivElement>(null);
  const pointers = Object.keys(errors);

  useEffect(() => {
    if (pointers.length) summary.current?.focus();
  }, [errors]);

  const body = () => ({
    project: (fromDraft(projectSchema, project, components) as object | undefined) ?? {},
    form: (fromDraft(formSchema, form, components) as object | undefined) ?? {},
  });

  /** Creates the draft, or patches it with what changed; the saved case. */
  const save = async (): Promise<Application> => {
    const next = body();
    if (!saved) {
      const created = await api.create({
        workflow: workflow.id,
        ...(applicant ? { applicant } : {}),
        ...next,
      });
      // The address now names the draft, so a reload keeps it (without drawing the page again).
      window.history.replaceState(null, '', `/cases/${created.id}/edit`);
      setSaved(created);
      return created;
    }
    const patch = {
      project: mergePatch(saved.project, next.project) as object,
      form: mergePatch(saved.form, next.form) as object,
    };
    const patched = await api.patchDraft(saved.id, patch);
    setSaved(patched);
    return patched;
  };

  const run = async (submit: boolean) => {
    setBusy(true);
    setFailure(null);
    setNotice('');
    try {
      const draft = await save();
      await refresh(draft.id);
      if (!submit) {
        setErrors({});
        setNotice(t('draft.saved'));
        return;
      }
      await api.send(draft.id, { type: 'SUBMIT' });
      navigate(`/cases/${draft.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.errors.length) setErrors(errorMap(error.errors));
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void run(true);
  };

  return (
    <form class="draft" onSubmit={onSubmit} noValidate>
      <div class="page-head">
        <h1>{saved ? t('draft.editTitle') : t('draft.newTitle')}</h1>
        {saved ? <Link href={`/cases/${saved.id}`}>{t('draft.toCase')}</Link> : null}
      </div>
      <p class="lead">
        {tWorkflow(workflow.id)}
        {applicant ? ` · ${t('agent.onBehalf', { enterprise: applicant })}` : ''}
      </p>
      <p class="hint">{t('draft.hint')}</p>
      {pointers.length ? (
        <div class="notice error" role="alert" tabIndex={-1} ref={summary}>
          <p>{t('draft.fixErrors', { count: pointers.length })}</p>
          <ul>
            {pointers.map((pointer) => (
              <li key={pointer}>
                <a href={`#${fieldId(pointer)}`}>{labelOfPointer(pointer)}</a>:{' '}
                {errors[pointer]!.join(t('punct.listSep'))}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <fieldset class="card">
        <legend>{t('draft.project')}</legend>
        <SchemaForm
          schema={projectSchema}
          components={components}
          value={project}
          onChange={setProject}
          pointer="/project"
          errors={errors}
        />
      </fieldset>
      <fieldset class="card">
        <legend>{t('draft.form')}</legend>
        <SchemaForm
          schema={shownSchema}
          components={components}
          value={form}
          onChange={setForm}
          pointer="/form"
          errors={errors}
        />
      </fieldset>
      <PledgeChoice workflow={workflow.id} form={form} onChange={setForm} />
      <section class="card" aria-labelledby="draft-materials-title">
        <h2 id="draft-materials-title">{t('materials.title')}</h2>
        {view && session ? (
          <Materials app={view} session={session} onDone={() => void refresh(view.id)} />
        ) : (
          <p class="hint">{t('draft.materialsAfterSave')}</p>
        )}
      </section>
      <ErrorNotice error={failure} />
      {notice ? (
        <p class="notice good" role="status">
          {notice}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('draft.submit')}
        </button>
        <button type="button" disabled={busy} onClick={() => void run(false)}>
          {t('draft.save')}
        </button>
      </div>
    </form>
  );
}

/** `/form/constructionUnit/uscc` → "Construction unit › USCC", in the current language. */
function labelOfPointer(pointer: string): string {
  const parts = pointer.split('/').filter(Boolean);
  if (parts[0] === 'form' || parts[0] === 'project') {
    const section = parts[0] === 'form' ? t('draft.form') : t('draft.project');
    const names = parts.slice(1).map((part, i) => fieldLabel(part, i === 0 ? parts[0] : parts[i]!));
    return [section, ...names].join(' › ');
  }
  return pointer;
}

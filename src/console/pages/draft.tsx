/**
 * A new application, or a draft being completed: the project and the workflow's form as one form generated
 * from their JSON Schemas. Saving keeps a draft (POST, then merge patches); submitting saves and sends SUBMIT,
 * and the service's `errors[]` appear next to the fields they point at.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Application, type Workflow } from '../api/index.ts';
import { idempotencyKey } from '../api/client.ts';
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
import { dropLocalDraft, keepLocalDraft, localDraftKey, readLocalDraft } from '../lib/local-draft.ts';
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

  // A submitted case is never edited again: its edit address (Back after submitting, an old bookmark) opens the case.
  const submitted = loaded.data?.app && loaded.data.app.status !== 'draft' ? loaded.data.app.id : null;
  useEffect(() => {
    if (submitted) navigate(`/cases/${encodeURIComponent(submitted)}`, { replace: true });
  }, [submitted]);
  if (submitted) return null;
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
  const session = useSession();
  const person = session?.claims.sub ?? '';
  const newKey = localDraftKey(person, { workflow: workflow.id, applicant });
  const [saved, setSaved] = useState<Application | undefined>(app);
  const localKey = saved ? localDraftKey(person, { caseId: saved.id }) : newKey;
  // Input typed here and not saved yet (a reload, a closed tab) comes back until it is saved.
  const [restored, setRestored] = useState(() => readLocalDraft(window.localStorage, localKey));
  const [project, setProject] = useState<Draft>(
    () => (restored?.project as Draft) ?? (toDraft(projectSchema, app?.project, components) as Draft) ?? {},
  );
  const [form, setForm] = useState<Draft>(
    () => (restored?.form as Draft) ?? (toDraft(formSchema, app?.form, components) as Draft) ?? {},
  );
  const typed = useRef(false);
  const edit = (set: (value: Draft) => void) => (value: Draft) => {
    typed.current = true;
    set(value);
  };
  useEffect(() => {
    if (typed.current) keepLocalDraft(window.localStorage, localKey, { project, form });
  }, [project, form]);
  // While something typed is not saved, leaving the page asks first (the browser's own question).
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (typed.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);
  const discard = () => {
    dropLocalDraft(window.localStorage, localKey);
    typed.current = false;
    setRestored(null);
    setProject((toDraft(projectSchema, saved?.project, components) as Draft) ?? {});
    setForm((toDraft(formSchema, saved?.form, components) as Draft) ?? {});
  };
  // One key per act: a double click or a retry creates one draft and submits it once.
  const createKey = useRef(idempotencyKey());
  const submitKey = useRef(idempotencyKey());
  const pending = useRef(false);
  // The saved draft as the case page reads it: its materials follow the form as saved.
  const [view, setView] = useState<Application | undefined>(app);
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
      const created = await api.create(
        { workflow: workflow.id, ...(applicant ? { applicant } : {}), ...next },
        createKey.current,
      );
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

  /** Saved input no longer needs the browser's copy. */
  const settle = (caseId: string) => {
    dropLocalDraft(window.localStorage, newKey, localDraftKey(person, { caseId }));
    typed.current = false;
    setRestored(null);
  };

  const run = async (submit: boolean) => {
    if (pending.current) return;
    pending.current = true;
    setBusy(true);
    setFailure(null);
    setNotice('');
    try {
      const draft = await save();
      settle(draft.id);
      await refresh(draft.id);
      if (!submit) {
        setErrors({});
        setNotice(t('draft.saved'));
        return;
      }
      await api.send(draft.id, { type: 'SUBMIT' }, submitKey.current);
      // The form's entry in the history becomes the case: Back never returns to an editable submitted case.
      navigate(`/cases/${draft.id}`, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.errors.length) setErrors(errorMap(error.errors));
      else setFailure(error);
    } finally {
      pending.current = false;
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
      {restored ? (
        <div class="notice" role="status">
          <p>{t('localDraft.restored')}</p>
          <button type="button" onClick={discard}>
            {t('localDraft.discard')}
          </button>
        </div>
      ) : null}
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
          onChange={edit(setProject)}
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
          onChange={edit(setForm)}
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

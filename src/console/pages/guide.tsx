/**
 * The guide before sign-in (办事指南, POST /api/v1/guide): anyone picks a workflow and gives the facts they
 * know; the service answers with the departments, limits, materials, fees and inspections the process itself
 * would apply. A fact not given yet is shown as "depends on …", never guessed.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type Guide, type Workflow } from '../api/index.ts';
import { GuideView } from '../components/guide-view.tsx';
import { LanguageSwitch } from '../components/layout.tsx';
import { fieldLabel } from '../components/schema-form.tsx';
import { ErrorNotice, Loaded } from '../components/ui.tsx';
import { t, tOr, tWorkflow } from '../i18n/index.ts';
import { contractSchemas } from '../lib/contract.ts';
import { Link } from '../lib/router.tsx';
import { resolve, typeOf, type Components, type JsonSchema } from '../lib/schema.ts';
import { useSession } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';

type Facts = Record<string, unknown>;

/** The facts worth asking before sign-in: the form's choices, yes/no questions and numbers. */
function askable(workflow: Workflow, components: Components): Array<[string, JsonSchema]> {
  const schema = workflow.formSchema as JsonSchema;
  return Object.entries(schema.properties ?? {})
    .map(([name, property]): [string, JsonSchema] => [name, resolve(property, components)])
    .filter(
      ([, property]) => property.enum || ['boolean', 'number', 'integer'].includes(typeOf(property) ?? ''),
    );
}

export function GuidePage() {
  const session = useSession();
  const workflows = useLoad(() => api.workflows(), []);
  const [workflowId, setWorkflowId] = useState('construction-permit');
  const loaded = useLoad(() => Promise.all([api.workflow(workflowId), contractSchemas()]), [workflowId]);
  const [facts, setFacts] = useState<Facts>({});

  const choose = (id: string) => {
    setFacts({});
    setWorkflowId(id);
  };

  // Signed in, the page sits in the layout's <main>; before sign-in it is the page's own.
  const Wrapper = session ? 'div' : 'main';
  return (
    <Wrapper id={session ? undefined : 'main'} class="guide">
      <div class="sign-in-head">
        <h1>{t('guide.title')}</h1>
        {session ? null : <LanguageSwitch />}
      </div>
      <p class="lead">{t('guide.lead')}</p>
      <section class="card" aria-labelledby="guide-facts-title">
        <h2 id="guide-facts-title">{t('guide.facts')}</h2>
        <div class="field">
          <label for="guide-workflow">{t('guide.workflow')}</label>
          <Loaded data={workflows.data} error={workflows.error}>
            {({ items }) => (
              <select id="guide-workflow" value={workflowId} onChange={(e) => choose(e.currentTarget.value)}>
                {items
                  .filter((w) => w.stages.length > 0)
                  .map((w) => (
                    <option key={w.id} value={w.id}>
                      {tWorkflow(w.id)}
                    </option>
                  ))}
              </select>
            )}
          </Loaded>
        </div>
        <Loaded data={loaded.data} error={loaded.error}>
          {([workflow, components]) => (
            <FactFields fields={askable(workflow, components)} facts={facts} onChange={setFacts} />
          )}
        </Loaded>
        <p class="hint">{t('guide.factsHint')}</p>
      </section>
      <GuideAnswer workflow={workflowId} facts={facts} />
      {session ? null : (
        <p>
          <Link href="/sign-in">{t('guide.signIn')}</Link>
        </p>
      )}
    </Wrapper>
  );
}

function FactFields(props: {
  fields: Array<[string, JsonSchema]>;
  facts: Facts;
  onChange(next: Facts): void;
}) {
  const set = (name: string, value: unknown) => {
    const next = { ...props.facts };
    if (value === undefined) delete next[name];
    else next[name] = value;
    props.onChange(next);
  };
  return (
    <div class="guide-facts">
      {props.fields.map(([name, schema]) => {
        const id = `guide-${name}`;
        const value = props.facts[name];
        const type = typeOf(schema);
        let input;
        if (schema.enum || type === 'boolean') {
          const options = schema.enum ?? [true, false];
          input = (
            <select
              id={id}
              value={value === undefined ? '' : String(value)}
              onChange={(e) => {
                const chosen = e.currentTarget.value;
                set(name, chosen ? options.find((option) => String(option) === chosen) : undefined);
              }}
            >
              <option value="">{t('guide.unknown')}</option>
              {options.map((option) => (
                <option key={String(option)} value={String(option)}>
                  {typeof option === 'boolean'
                    ? t(option ? 'guide.yes' : 'guide.no')
                    : tOr(`enum.${name}.${String(option)}`, String(option))}
                </option>
              ))}
            </select>
          );
        } else {
          input = (
            <input
              id={id}
              type="number"
              inputMode="decimal"
              min={0}
              value={value === undefined ? '' : String(value)}
              placeholder={t('guide.unknown')}
              onInput={(e) => {
                const text = e.currentTarget.value.trim();
                const number = Number(text);
                set(name, text === '' || !Number.isFinite(number) ? undefined : number);
              }}
            />
          );
        }
        return (
          <div class="field" key={name}>
            <label for={id}>{fieldLabel(name)}</label>
            {input}
          </div>
        );
      })}
    </div>
  );
}

/** Asks the service once the facts have stood still for a moment, so that typing a number asks once. */
function GuideAnswer({ workflow, facts }: { workflow: string; facts: Facts }) {
  const [answer, setAnswer] = useState<{ guide?: Guide; error?: unknown }>({});
  const key = JSON.stringify(facts);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      api.guide({ workflow, form: facts }).then(
        (guide) => current && setAnswer({ guide }),
        (error: unknown) => current && setAnswer({ error }),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workflow, key]);
  if (answer.error) return <ErrorNotice error={answer.error} />;
  if (!answer.guide) return null;
  return <GuideView guide={answer.guide} />;
}

/** A filed form, read-only: each answered field with its label, nested objects indented. */
import { t, tOr } from '../i18n/index.ts';
import { resolve, typeOf, type Components, type JsonSchema } from '../lib/schema.ts';
import { fieldLabel } from './schema-form.tsx';

export function FormView(props: {
  schema: JsonSchema;
  components: Components;
  value: unknown;
  parent: string;
}) {
  const schema = resolve(props.schema, props.components);
  const value = (props.value ?? {}) as Record<string, unknown>;
  const keys = Object.keys(schema.properties ?? {}).filter(
    (key) => value[key] !== undefined && value[key] !== null,
  );
  if (!keys.length) return <p class="muted">{t('form.empty')}</p>;
  return (
    <dl class="form-view">
      {keys.map((key) => {
        const child = resolve(schema.properties![key]!, props.components);
        const answer = value[key];
        return (
          <div key={key}>
            <dt>{fieldLabel(key, props.parent)}</dt>
            <dd>
              {typeOf(child) === 'object' ? (
                <FormView schema={child} components={props.components} value={answer} parent={key} />
              ) : (
                show(key, answer)
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function show(key: string, answer: unknown): string {
  if (typeof answer === 'boolean') return answer ? t('common.yes') : t('common.no');
  if (Array.isArray(answer)) return answer.join('、');
  if (typeof answer === 'string') return tOr(`enum.${key}.${answer}`, answer);
  return String(answer);
}

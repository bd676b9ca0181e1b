/**
 * A form drawn from a JSON Schema: one labelled input per property (text, number, date, a choice for an
 * enum, a checkbox for a boolean, one line per item for a list), a fieldset per nested object. Errors come
 * from the service's `errors[]` and are shown next to the field their JSON pointer names.
 */
import type { JSX } from 'preact';
import { lang, t, tOr } from '../i18n/index.ts';
import { tCode } from '../i18n/problems.ts';
import { isUsccField, usccCheckMismatch } from '../lib/uscc-check.ts';
import { resolve, typeOf, type Components, type Draft, type JsonSchema } from '../lib/schema.ts';

/** The service's field errors, by JSON pointer (`/form/floorAreaM2`). */
export type ErrorMap = Record<string, string[]>;

interface Props {
  schema: JsonSchema;
  components: Components;
  value: Draft;
  onChange(value: Draft): void;
  /** The pointer of this object in the request body, e.g. `/form`. */
  pointer: string;
  errors: ErrorMap;
}

/** The id of a field's input: the pointer made safe (`/form/constructionUnit/uscc` → `f-form-constructionUnit-uscc`). */
export const fieldId = (pointer: string) => `f${pointer.replace(/[^A-Za-z0-9]+/g, '-')}`;

export function SchemaForm(props: Props) {
  const schema = resolve(props.schema, props.components);
  return <ObjectFields {...props} schema={schema} />;
}

function ObjectFields({ schema, components, value, onChange, pointer, errors }: Props) {
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([key, child]) => (
        <Field
          key={key}
          name={key}
          parent={pointer.split('/').pop() ?? ''}
          schema={resolve(child, components)}
          components={components}
          required={required.has(key)}
          value={value[key]}
          onChange={(next) => onChange({ ...value, [key]: next })}
          pointer={`${pointer}/${key}`}
          errors={errors}
        />
      ))}
    </>
  );
}

interface FieldProps {
  name: string;
  parent: string;
  schema: JsonSchema;
  components: Components;
  required: boolean;
  value: unknown;
  onChange(value: unknown): void;
  pointer: string;
  errors: ErrorMap;
}

/** The field's label: the dictionary's, else the property name spaced out. */
export function fieldLabel(name: string, parent = ''): string {
  const spaced = name.replace(/([a-z])([A-Z0-9])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
  return tOr(`field.${parent}.${name}`, tOr(`field.${name}`, spaced));
}

function Field(props: FieldProps) {
  const { name, parent, schema, required, pointer, errors } = props;
  const id = fieldId(pointer);
  const messages = errors[pointer] ?? [];
  const label = fieldLabel(name, parent);
  const type = typeOf(schema);
  const errorId = messages.length ? `${id}-error` : undefined;
  // Help in English is the schema's own description; in Chinese the label already says it.
  const hint = lang.get() === 'en' && schema.description ? schema.description : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  // A USCC in capitals, and a warning (not a refusal) when its check character does not compute.
  const uscc = isUsccField(name, schema.format);
  const mismatch = uscc && typeof props.value === 'string' ? usccCheckMismatch(props.value) : null;
  const warningId = mismatch ? `${id}-warning` : undefined;
  const describedBy = [hintId, errorId, warningId].filter(Boolean).join(' ') || undefined;
  const errorText = messages.length ? (
    <p class="field-error" id={errorId}>
      {messages.join(t('punct.listSep'))}
    </p>
  ) : null;

  if (type === 'object') {
    return (
      <fieldset class={messages.length ? 'invalid' : undefined} aria-describedby={describedBy}>
        <legend>
          {label}
          {required ? <RequiredMark /> : null}
        </legend>
        {hint ? (
          <p class="hint" id={hintId}>
            {hint}
          </p>
        ) : null}
        {errorText}
        <ObjectFields
          schema={schema}
          components={props.components}
          value={(props.value as Draft | undefined) ?? {}}
          onChange={props.onChange}
          pointer={pointer}
          errors={errors}
        />
      </fieldset>
    );
  }

  const common = {
    id,
    name: pointer,
    'aria-invalid': messages.length ? ('true' as const) : undefined,
    'aria-required': required ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
  };
  const text = (event: JSX.TargetedEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
    const typed = event.currentTarget.value;
    props.onChange(typed === '' ? undefined : uscc ? typed.toUpperCase() : typed);
  };
  // Examples in the console's language: the schema's are in English where they are words (a project's name).
  const schemaExample = schema.examples?.[0];
  const example = tOr(
    `example.${parent}.${name}`,
    tOr(`example.${name}`, schemaExample !== undefined ? String(schemaExample) : ''),
  );
  const placeholder =
    example && typeof schemaExample !== 'object' && !(schema.enum && lang.get() !== 'en')
      ? t('form.example', { example })
      : undefined;

  let input: JSX.Element;
  if (type === 'boolean') {
    return (
      <div class={`field checkbox${messages.length ? ' invalid' : ''}`}>
        <input
          {...common}
          type="checkbox"
          checked={props.value === true}
          onChange={(event) => props.onChange(event.currentTarget.checked)}
        />
        <label for={id}>{label}</label>
        {hint ? (
          <p class="hint" id={hintId}>
            {hint}
          </p>
        ) : null}
        {errorText}
      </div>
    );
  } else if (schema.enum) {
    input = (
      <select {...common} value={(props.value as string | undefined) ?? ''} onChange={text}>
        <option value="">{t('form.choose')}</option>
        {schema.enum.map((option) => (
          <option key={String(option)} value={String(option)}>
            {tOr(`enum.${name}.${String(option)}`, String(option))}
          </option>
        ))}
      </select>
    );
  } else if (type === 'array') {
    input = (
      <textarea {...common} rows={3} value={(props.value as string | undefined) ?? ''} onInput={text} />
    );
  } else {
    const kind =
      type === 'number' || type === 'integer' ? 'number' : schema.format === 'date' ? 'date' : 'text';
    input = (
      <input
        {...common}
        type={kind === 'number' ? 'text' : kind}
        inputMode={type === 'integer' ? 'numeric' : kind === 'number' ? 'decimal' : undefined}
        autoComplete="off"
        placeholder={placeholder}
        value={(props.value as string | undefined) ?? ''}
        onInput={text}
      />
    );
  }
  return (
    <div class={`field${messages.length ? ' invalid' : ''}`}>
      <label for={id}>
        {label}
        {required ? <RequiredMark /> : null}
        {type === 'array' ? <span class="muted"> {t('form.onePerLine')}</span> : null}
      </label>
      {hint ? (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {input}
      {errorText}
      {mismatch ? (
        <p class="field-warning" id={warningId} role="status">
          {t('uscc.checkDigit', mismatch)}
        </p>
      ) : null}
    </div>
  );
}

function RequiredMark() {
  return (
    <span class="required">
      <span aria-hidden="true"> *</span>
      <span class="sr-only">{t('form.required')}</span>
    </span>
  );
}

/** The service's `errors[]` by pointer, each worded from its code in the console's language. */
export function errorMap(
  errors: ReadonlyArray<{ pointer: string; code?: string; detail: string }>,
): ErrorMap {
  const map: ErrorMap = {};
  for (const found of errors) (map[found.pointer] ??= []).push(tCode(found));
  return map;
}

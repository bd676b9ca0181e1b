/**
 * One record of a case's history as one sentence a person reads: who (the person's name and unit), what
 * (the act, with the fee and its amount, the inspection and its time, the days of an extension), and for a
 * draft's changes each field old → new. Never the record's raw data.
 */
import type { Application, HistoryItem } from '../api/index.ts';
import { fmtDateTime, fmtMoney, localName, t, tDept, tEvent, tOr, tRole } from '../i18n/index.ts';

type Data = Record<string, unknown>;

/** Who acted: a clerk as "department name", an enterprise by its code, an agent for whom; the person named. */
export function actorText(item: HistoryItem): string {
  const { role, org, sub } = item.actor;
  const name = (item.actor as { name?: string }).name;
  if (role === 'system') return t('history.system');
  const unit =
    role === 'clerk'
      ? org
        ? t('history.clerkOf', { dept: tDept(org) })
        : tRole(role)
      : role === 'applicant'
        ? t('history.enterprise', { uscc: org ?? sub })
        : tRole(role);
  const who = name ? `${unit} ${name}` : role === 'clerk' || role === 'applicant' ? unit : `${unit} ${sub}`;
  return item.onBehalfOf ? `${who}${t('history.onBehalfOf', { enterprise: item.onBehalfOf })}` : who;
}

/** What was done, in words, with the figures the record and the case hold. */
export function actText(item: HistoryItem, app: Application): string {
  const data = (item.data ?? {}) as Data;
  const fee = feeOf(app, data);
  const inspection = inspectionOf(app, data);
  switch (item.type) {
    case 'UPDATE_DRAFT':
      return draftChanges(data);
    case 'FEE_ASSESSED':
      return t('history.feeAssessed', {
        fee: fee ? localName(fee.name) : String(data.code ?? ''),
        amount: fmtMoney(Number(data.amount ?? fee?.amount ?? 0)),
      });
    case 'FEE_SETTLED':
      return t(data.outcome === 'waived' ? 'history.feeWaived' : 'history.feePaid', {
        fee: fee ? localName(fee.name) : String(data.code ?? ''),
      });
    case 'FEE_REFUSED':
    case 'INSPECTION_REFUSED':
      return `${tEvent(item.type)} ${String(data.code ?? '')}`;
    case 'INSPECTION_SCHEDULED':
      return t('history.inspectionScheduled', {
        inspection: inspection ? localName(inspection.name) : String(data.code ?? ''),
        at: fmtDateTime((data.scheduledAt as string | undefined) ?? inspection?.scheduledAt),
      });
    case 'INSPECTION_RECORDED':
      return t('history.inspectionRecorded', {
        inspection: inspection ? localName(inspection.name) : String(data.code ?? ''),
        result: t(data.result === 'fail' ? 'inspections.fail' : 'inspections.pass'),
      });
    case 'EXTEND':
      return typeof data.workingDays === 'number'
        ? t('history.extended', { days: data.workingDays })
        : tEvent(item.type);
    case 'ACCEPT_WITH_DEFICIENCIES': {
      const items = Array.isArray(data.items) ? (data.items as string[]) : [];
      return items.length
        ? t('history.deficiencies', { items: items.join('、'), date: String(data.pledgeDate ?? '—') })
        : tEvent(item.type);
    }
    default:
      return tEvent(item.type);
  }
}

/** The whole sentence: who, then what. */
export function historySentence(item: HistoryItem, app: Application): string {
  return `${actorText(item)} ${actText(item, app)}`;
}

function feeOf(app: Application, data: Data) {
  return (
    app.fees.find((f) => f.id === data.feeId) ??
    (data.code ? app.fees.find((f) => f.code === data.code) : undefined)
  );
}

function inspectionOf(app: Application, data: Data) {
  return (
    app.inspections.find((i) => i.id === data.inspectionId) ??
    (data.code ? app.inspections.find((i) => i.code === data.code) : undefined)
  );
}

/** "修改草稿：项目名称 A → B；层数 3 → 5", the fields the patch names; older records have no old values. */
function draftChanges(data: Data): string {
  const before = (data.before ?? {}) as Data;
  const changes: string[] = [];
  for (const part of ['project', 'form'] as const) {
    const patch = data[part] as Data | undefined;
    if (!patch || typeof patch !== 'object') continue;
    const old = (before[part] ?? {}) as Data;
    for (const [key, value] of Object.entries(patch)) {
      const label = tOr(`field.${part}.${key}`, tOr(`field.${key}`, key));
      const now = shown(value);
      changes.push(
        Object.hasOwn(old, key)
          ? `${label} ${shown(old[key])} → ${now}`
          : t('history.setTo', { label, value: now }),
      );
    }
  }
  return changes.length
    ? `${tEvent('UPDATE_DRAFT')}${t('punct.colon')}${changes.join(t('punct.listSep'))}`
    : tEvent('UPDATE_DRAFT');
}

/** A field's value as it reads: yes/no, choices by their names, lists joined, blank as a dash. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (Array.isArray(value)) return value.map(shown).join('、');
  if (typeof value === 'object') {
    const named = (value as { name?: unknown }).name;
    return typeof named === 'string' ? named : '…';
  }
  return String(value);
}

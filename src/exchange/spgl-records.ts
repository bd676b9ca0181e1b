/**
 * The records of the national exchange's four tables (docs/exchange.md, table by table), built from a case,
 * a step and a licence. Field names are the standard's; a field ZeroTrip's forms do not collect is left out
 * rather than filled with a guess. Times are Beijing time as the standard writes them (`yyyy-MM-dd HH:mm:ss`).
 */
import type { ApplicationRecord } from '../engine/records.ts';
import type { HandlingStep } from './handling-status.ts';

/** The tables ZeroTrip reports, by the standard's names. */
export const SPGL_TABLES = [
  'SPGL_XMJBXXB',
  'SPGL_XMSPSXBLXXB',
  'SPGL_XMSPSXBLXXXXB',
  'SPGL_XMSPSXPFWJXXB',
] as const;
export type SpglTable = (typeof SPGL_TABLES)[number];

/** One record to report: its table, its key among ZeroTrip's records, and the standard's fields. */
export interface SpglRecord {
  table: SpglTable;
  /** Unique among the records written: the same key written twice is one record. */
  key: string;
  fields: Record<string, string | number | null>;
}

/** What every record of a case needs: the region, the project's code, the time of writing. */
export interface CaseFacts {
  app: ApplicationRecord;
  regionCode: string;
  /** Department code → Chinese name, for the handling section (办理处室). */
  departmentNames: ReadonlyMap<string, string>;
}

/** `2026-03-02T01:00:00.000Z` → `2026-03-02 09:00:00`, Beijing time. */
export function beijingTime(at: string): string {
  return new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The project's investment project code (工程代码/项目代码), or null when the case names none. */
export function projectCodeOf(app: ApplicationRecord): string | null {
  const code = app.project.code;
  return typeof code === 'string' && code !== '' ? code : null;
}

function regionOf(facts: CaseFacts): string {
  const region = facts.app.project.regionCode;
  return typeof region === 'string' ? region : facts.regionCode;
}

/** SPGL_XMJBXXB, the project: written once per project code, with the first case that names it. */
export function projectRecord(facts: CaseFacts, code: string, at: string): SpglRecord {
  const { project } = facts.app;
  return {
    table: 'SPGL_XMJBXXB',
    key: `XMJBXXB:${code}`,
    fields: {
      DFSJZJ: code,
      XZQHDM: regionOf(facts),
      XMDM: code,
      XMMC: String(project.name ?? ''),
      GCDM: code,
      JSDD: typeof project.location === 'string' ? project.location : null,
      SJYXBS: 1,
      GXSJ: beijingTime(at),
    },
  };
}

/**
 * SPGL_XMSPSXBLXXB, the item's handling: one case is one joint item (并联审批), its instance code the case id.
 * Written on receipt and again on acceptance, when the acceptance time (SLSJ) is known; the platform keeps the
 * newer by GXSJ.
 */
export function itemRecord(
  facts: CaseFacts,
  code: string,
  at: string,
  options: { windowName: string; acceptedAt: string | null },
): SpglRecord {
  const { app } = facts;
  return {
    table: 'SPGL_XMSPSXBLXXB',
    key: `XMSPSXBLXXB:${app.id}:${options.acceptedAt === null ? 'received' : 'accepted'}`,
    fields: {
      DFSJZJ: app.id,
      XZQHDM: regionOf(facts),
      GCDM: code,
      SPSXBM: app.workflowId,
      SPSXBBH: app.workflowVersion,
      SPLCBM: app.workflowId,
      SPLCBBH: app.workflowVersion,
      SPSXSLBM: app.id,
      BLSPSLBM: app.id,
      SPBMBM: 'window',
      SPBMMC: options.windowName,
      // GB/T 39046 办理形式 2 (PC, online) and 办件类型 2 (承诺件: decided within a promised limit).
      SLFS: 2,
      BJLX: 2,
      SXBLSX: app.limitWorkingDays,
      SLSJ: options.acceptedAt === null ? null : beijingTime(options.acceptedAt),
      SJYXBS: 1,
      GXSJ: beijingTime(at),
    },
  };
}

/** SPGL_XMSPSXBLXXXXB, one handling step; a department takes a case up once, whatever its tasks do later. */
export function stepRecord(
  facts: CaseFacts,
  code: string,
  step: HandlingStep,
  event: { seq: number; at: string; actorName: string | null; comment: string | null },
): SpglRecord {
  const { app, departmentNames } = facts;
  const section = step.department ?? 'window';
  const key =
    step.blzt === 8 ? `XXXXB:${app.id}:8:${section}` : `XXXXB:${app.id}:${event.seq}:${step.blzt}:${section}`;
  return {
    table: 'SPGL_XMSPSXBLXXXXB',
    key,
    fields: {
      DFSJZJ: key.slice('XXXXB:'.length),
      XZQHDM: regionOf(facts),
      GCDM: code,
      SPSXSLBM: app.id,
      BLCS: departmentNames.get(section) ?? section,
      BLR: event.actorName,
      BLZT: step.blzt,
      BLYJ: event.comment,
      BLSJ: beijingTime(event.at),
      SJYXBS: 1,
      GXSJ: beijingTime(event.at),
    },
  };
}

/** The licence a case's result produced, as the approval document table needs it. */
export interface IssuedDocument {
  number: string;
  title: string;
  issuedAt: string;
  pdfUrl: string;
  revoked: { at: string; reason: string } | null;
}

/** SPGL_XMSPSXPFWJXXB, the approval document (批复文件): written on issue, and again marked invalid on revocation. */
export function documentRecord(facts: CaseFacts, code: string, doc: IssuedDocument, at: string): SpglRecord {
  return {
    table: 'SPGL_XMSPSXPFWJXXB',
    key: `PFWJXXB:${doc.number}${doc.revoked ? ':revoked' : ''}`,
    fields: {
      DFSJZJ: doc.number,
      XZQHDM: regionOf(facts),
      GCDM: code,
      SPSXSLBM: facts.app.id,
      PFRQ: beijingTime(doc.issuedAt).slice(0, 10),
      PFWH: doc.number,
      PFWJBT: doc.title,
      // The standard's "no expiry": a permit lapses only by the works-start rule, which the licence page shows.
      PFWJYXQX: '9999-01-01',
      FJMC: `${doc.number}.pdf`,
      FJLX: 'pdf',
      FJID: doc.pdfUrl,
      SJYXBS: doc.revoked ? 0 : 1,
      SJWXYY: doc.revoked ? doc.revoked.reason : null,
      GXSJ: beijingTime(at),
    },
  };
}

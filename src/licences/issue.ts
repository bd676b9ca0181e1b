/**
 * Issuing licences, as engine observers (docs/architecture.md, "Observers"): the window's `ISSUE` of a
 * construction permit or a completion acceptance issues its licence in the same transaction, on every path
 * (a request, a timer, the import); a licence's `CORRECT` issues the corrected one; `REVOKE` records its reason.
 * The same observer checks, on a completion acceptance's `SUBMIT`, that the permit it names is a valid licence
 * of the same holder (imported history is exempt: its permits predate the service).
 */
import type { WorkingCalendar } from '../calendar/index.ts';
import { dayToIso, shanghaiDay } from '../calendar/index.ts';
import type { EventStore } from '../db/index.ts';
import type { Engine } from '../engine/engine.ts';
import { SYSTEM_ACTOR, type ApplicationRecord } from '../engine/records.ts';
import type { CommittedEvent, EventObserver } from '../engine/types.ts';
import { fieldError, LicenceInvalidError } from '../errors/index.ts';
import { canonicalJson } from '../json/canonical-json.ts';
import { startWorksByOf, type LicenceContext, type LicenceType } from '../../workflows/licence.ts';
import { SIGNATURE_ALGORITHM, signCanonical } from './signature.ts';
import type { SigningKey } from './signing-key.ts';
import {
  insertLicence,
  insertReportMessage,
  licenceOfCase,
  licenceSummaryIn,
  nextSerial,
  recordRevocation,
} from './store.ts';

/** What issuing needs: the key, the default region, the calendar (the report's 5 working days), the engine. */
export interface IssueDeps {
  engine: Engine;
  calendar: WorkingCalendar;
  key: SigningKey;
  regionCode: string;
}

/** The licence each application workflow's ISSUE produces, and its two-digit type code in the number. */
const ISSUED_BY: Record<string, { type: LicenceType; code: string }> = {
  'construction-permit': { type: 'construction-permit', code: '01' },
  'completion-acceptance': { type: 'completion-certificate', code: '02' },
};
const TYPE_CODE: Record<LicenceType, string> = {
  'construction-permit': '01',
  'completion-certificate': '02',
};

/** Working days within which a licence is reported to the provincial platform. */
export const REPORT_WITHIN_WORKING_DAYS = 5;

/** The signed content of a licence: every printed field. */
export interface LicencePayload {
  number: string;
  type: LicenceType;
  holder: { uscc: string; name: string };
  project: { code: string | null; name: string; location: string | null };
  application: string;
  issuedAt: string;
  issueDate: string;
  startWorksBy: string | null;
  covers: Record<string, unknown>;
  keyId: string;
  supersedes?: string;
}

/** The observer the service registers: issues, corrects, records revocations, checks cited permits. */
export function licenceObserver(deps: IssueDeps): EventObserver {
  return async (store, committed) => {
    const { application: app, type } = committed;
    const issued = ISSUED_BY[app.workflowId];
    if (issued && type === 'ISSUE') {
      await issueLicence(deps, store, committed, {
        type: issued.type,
        holder: holderOf(app),
        project: projectOf(app),
        covers: coversOf(issued.type, app.form),
        startWorksBy: issued.type === 'construction-permit' ? startWorksByOf(committed.at) : null,
      });
    } else if (app.workflowId === 'completion-acceptance' && type === 'SUBMIT' && !committed.replayed) {
      await checkCitedPermit(store, app);
    } else if (app.workflowId === 'licence' && type === 'REVOKE') {
      await recordRevocation(store, app.id, committed.at, committed.comment ?? '');
    } else if (app.workflowId === 'licence' && type === 'CORRECT') {
      await issueCorrection(deps, store, committed);
    }
  };
}

/** Numbers, signs and writes a licence, creates its case, and queues its report; all in the event's transaction. */
async function issueLicence(
  deps: IssueDeps,
  store: EventStore,
  committed: CommittedEvent,
  facts: Pick<LicencePayload, 'type' | 'holder' | 'project' | 'covers' | 'startWorksBy'> & {
    supersedes?: string;
    regionCode?: string;
    /** A correction carries the superseded licence's extensions and start of works into the new case. */
    carried?: Pick<LicenceContext, 'extensions' | 'worksStartedAt'>;
  },
): Promise<string> {
  const source = committed.application;
  const issueDate = dayToIso(shanghaiDay(committed.at));
  const region = facts.regionCode ?? regionOf(source.project, deps.regionCode);
  const day = issueDate.replaceAll('-', '');
  const serial = await nextSerial(store, region, day);
  const number = `${region}${day}${String(serial).padStart(4, '0')}${TYPE_CODE[facts.type]}`;
  const payload: LicencePayload = {
    number,
    type: facts.type,
    holder: facts.holder,
    project: facts.project,
    application: source.workflowId === 'licence' ? String(source.form.application) : source.id,
    issuedAt: committed.at,
    issueDate,
    startWorksBy: facts.startWorksBy,
    covers: facts.covers,
    keyId: deps.key.keyId,
    ...(facts.supersedes ? { supersedes: facts.supersedes } : {}),
  };
  const canonical = canonicalJson(payload);
  const signature = signCanonical(deps.key, canonical);
  const { application: licenceCase } = await deps.engine.createWith(store, {
    workflow: 'licence',
    applicant: facts.holder.uscc,
    project: { ...source.project },
    form: {
      number,
      type: facts.type,
      application: payload.application,
      startWorksBy: facts.startWorksBy,
      ...(facts.supersedes ? { supersedes: facts.supersedes } : {}),
      ...(facts.carried ?? {}),
    },
    actor: SYSTEM_ACTOR,
    at: new Date(committed.at),
    replayed: committed.replayed,
  });
  // History replayed by the import was reported in its day; a licence issued now must be within 5 working days.
  const reportOutboxId = committed.replayed
    ? null
    : await insertReportMessage(
        store,
        licenceCase.id,
        {
          number,
          signedPayload: canonical,
          signature: { algorithm: SIGNATURE_ALGORITHM, keyId: deps.key.keyId, value: signature },
        },
        committed.at,
      );
  await insertLicence(store, {
    number,
    case_id: licenceCase.id,
    application_id: payload.application,
    type: facts.type,
    holder_uscc: facts.holder.uscc,
    issued_at: committed.at,
    payload: canonical,
    signature,
    key_id: deps.key.keyId,
    supersedes: facts.supersedes ?? null,
    report_outbox_id: reportOutboxId,
    report_due_at: committed.replayed
      ? null
      : deps.calendar.dueAt(committed.at, REPORT_WITHIN_WORKING_DAYS).toISOString(),
  });
  return number;
}

/** A corrected licence: the old one's facts with the corrections, its deadline and extensions carried over. */
async function issueCorrection(deps: IssueDeps, store: EventStore, committed: CommittedEvent): Promise<void> {
  const old = await licenceOfCase(store, committed.application.id);
  if (!old) return;
  const previous = JSON.parse(old.payload) as LicencePayload;
  const corrections = (committed.data ?? {}) as {
    holderName?: string;
    project?: Partial<LicencePayload['project']>;
    covers?: Record<string, unknown>;
  };
  const context = (committed.before as { context?: LicenceContext } | null)?.context;
  await issueLicence(deps, store, committed, {
    type: previous.type,
    holder: { ...previous.holder, ...(corrections.holderName ? { name: corrections.holderName } : {}) },
    project: { ...previous.project, ...corrections.project },
    covers: { ...previous.covers, ...corrections.covers },
    startWorksBy: context?.startWorksBy ?? previous.startWorksBy,
    supersedes: previous.number,
    regionCode: previous.number.slice(0, 6),
    ...(context
      ? { carried: { extensions: context.extensions, worksStartedAt: context.worksStartedAt } }
      : {}),
  });
}

/** 422 `licence-invalid` unless the form's permit number is a valid or in-force permit of the same holder. */
async function checkCitedPermit(store: EventStore, app: ApplicationRecord): Promise<void> {
  const number = String(app.form.constructionPermitNo ?? '');
  const licence = await licenceSummaryIn(store, number);
  // What is wrong with the cited number: the English phrase of the problem's detail, and the field's code.
  const problem = !licence
    ? { phrase: 'is not the number of a licence this service issued', code: 'permit-unknown' as const }
    : licence.type !== 'construction-permit'
      ? { phrase: 'is not a construction permit', code: 'permit-not-construction' as const }
      : licence.holderUscc !== app.applicant
        ? { phrase: "is another enterprise's construction permit", code: 'permit-of-another-holder' as const }
        : licence.status !== 'valid' && licence.status !== 'in_force'
          ? {
              phrase: `names a construction permit that is ${licence.status}`,
              code: 'permit-not-valid' as const,
              params: { status: licence.status },
            }
          : null;
  if (problem) {
    throw new LicenceInvalidError(
      number,
      `the construction permit ${number} cannot be cited: it ${problem.phrase}`,
      [
        fieldError(
          '/form/constructionPermitNo',
          problem.code,
          'params' in problem ? problem.params : undefined,
        ),
      ],
    );
  }
}

/** The project's region code when it names one, otherwise the configured one. */
function regionOf(project: Record<string, unknown>, fallback: string): string {
  const code = project.regionCode;
  return typeof code === 'string' && /^[0-9]{6}$/.test(code) ? code : fallback;
}

function holderOf(app: ApplicationRecord): LicencePayload['holder'] {
  const name = app.project.applicantName;
  return { uscc: app.applicant, name: typeof name === 'string' ? name : app.applicant };
}

function projectOf(app: ApplicationRecord): LicencePayload['project'] {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    code: text(app.project.code),
    name: String(app.project.name ?? ''),
    location: text(app.project.location),
  };
}

// What each licence covers, from the form: areas, use and the units that take part.
const COVERED: Record<LicenceType, readonly string[]> = {
  'construction-permit': [
    'useCategory',
    'floorAreaM2',
    'undergroundAreaM2',
    'siteAreaM2',
    'buildingHeightM',
    'storeys',
    'contractPriceYuan',
    'landParcel',
    'constructionUnit',
    'designUnit',
  ],
  'completion-certificate': [
    'useCategory',
    'floorAreaM2',
    'undergroundAreaM2',
    'completedOn',
    'constructionPermitNo',
    'constructionUnit',
  ],
};

function coversOf(type: LicenceType, form: Record<string, unknown>): Record<string, unknown> {
  const covers: Record<string, unknown> = {};
  for (const field of COVERED[type]) if (form[field] !== undefined) covers[field] = form[field];
  return covers;
}

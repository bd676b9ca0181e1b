/**
 * The construction permit the benchmark files: the example form of the shared documentation (all five
 * departments review), the people who act on it, and a service built in-process on a temporary SQLite file.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { resolveJwtKeys } from '../../src/auth/jwt-keys.ts';
import type { PrincipalRole } from '../../src/auth/principal.ts';
import { signDevelopmentToken } from '../../src/auth/tokens.ts';
import { loadConfig } from '../../src/config.ts';
import type { Actor, ApplicationRecord } from '../../src/engine/records.ts';
import { currentCatalog, requiredMaterials } from '../../src/materials/index.ts';
import { addMaterial } from '../../src/materials/hand-in.ts';
import { buildService, type Service } from '../../src/service.ts';

/** The enterprise of the example (its USCC). */
export const ENTERPRISE = '91310115591693856A';

/** The reviewing departments of the example form, in region order. */
export const DEPARTMENTS = ['planning', 'housing', 'fire', 'civil-defense', 'environment'] as const;

// The shared example, copied once into the test fixtures.
import { permitForm, permitProject } from '../../test/fixtures/construction-permit.ts';
export { permitForm, permitProject };

/** The state value of a case whose five departments have all approved: it waits for the window's ISSUE. */
export const ISSUING_STATE = JSON.stringify({ accepted: 'issuing' });

/** The applicant of the example, as the engine records callers. */
export const applicant: Actor = { sub: 'bench-applicant', role: 'applicant', org: ENTERPRISE };

/** A clerk of a department (`window` for intake and issue). */
export function clerk(department: string): Actor {
  return { sub: `bench-clerk-${department}`, role: 'clerk', org: department };
}

/** HS256 tokens for everyone who acts on the example, signed with the service's `JWT_SECRET`. */
export interface Tokens {
  applicant: string;
  auditor: string;
  clerk: Record<string, string>;
}

/** Signs the tokens with `secret` (two hours, longer than any run). */
export function signTokens(secret: string): Tokens {
  const keys = resolveJwtKeys(loadConfig({ JWT_SECRET: secret }));
  const sign = (sub: string, role: PrincipalRole, org: string | null) =>
    signDevelopmentToken(keys, { sub, role, org }, 7200);
  const clerks: Record<string, string> = {};
  for (const department of ['window', ...DEPARTMENTS]) {
    clerks[department] = sign(clerk(department).sub, 'clerk', department);
  }
  return {
    applicant: sign(applicant.sub, 'applicant', ENTERPRISE),
    auditor: sign('bench-auditor', 'auditor', null),
    clerk: clerks,
  };
}

/** The service on a fresh SQLite file in a temporary folder; `dispose` closes it and removes the folder. */
export async function serviceOnTempSqlite(
  env: Record<string, string> = {},
): Promise<{ service: Service; dispose(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zerotrip-bench-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${path.join(dir, 'zerotrip.db')}`,
    JWT_SECRET: 'bench-in-process-secret-not-used-for-http',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const service = await buildService(config, { logger: pino({ level: 'silent' }) });
  return {
    service,
    async dispose() {
      await service.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates, submits and accepts one case in-process; returns its id. Three transitions (create counted as one). */
export async function caseInReview(service: Service): Promise<string> {
  const { application } = await service.engine.create({
    workflow: 'construction-permit',
    applicant: ENTERPRISE,
    project: permitProject,
    form: permitForm,
    actor: applicant,
  });
  await handInPapers(service, application);
  await service.engine.send({ applicationId: application.id, event: { type: 'SUBMIT' }, actor: applicant });
  await service.engine.send({
    applicationId: application.id,
    event: { type: 'ACCEPT', department: 'window' },
    actor: clerk('window'),
  });
  return application.id;
}

/** One department's approval in-process. */
export function approve(service: Service, id: string, department: string): Promise<unknown> {
  return service.engine.send({
    applicationId: id,
    event: { type: 'APPROVE', department },
    actor: clerk(department),
  });
}

/**
 * Runs `tasks` from `count` workers, each taking the next task when its previous one is done: the in-process
 * counterpart of 32 keep-alive clients.
 */
export async function runConcurrently(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** Completed units of work per second, measured over `seconds` after `warmupSeconds` of the same work. */
export interface Rate {
  completed: number;
  seconds: number;
  perSecond: number;
}

/**
 * Runs `once` from `concurrency` workers for `warmupSeconds` (not counted), then again for `seconds`, and counts
 * the units completed in the measured window (a unit started before the deadline is finished and counted, and
 * so is the time it takes).
 */
export async function timeBoxed(
  concurrency: number,
  warmupSeconds: number,
  seconds: number,
  once: () => Promise<void>,
): Promise<Rate> {
  const phase = async (duration: number) => {
    let completed = 0;
    const started = performance.now();
    const deadline = started + duration * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          await once();
          completed++;
        }
      }),
    );
    return { completed, seconds: (performance.now() - started) / 1000 };
  };
  await phase(warmupSeconds);
  const { completed, seconds: elapsed } = await phase(seconds);
  return { completed, seconds: elapsed, perSecond: completed / elapsed };
}

const PAPER = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
const PAPER_SHA256 = createHash('sha256').update(PAPER).digest('hex');

/** The papers' one file, stored once per service (content-addressed: every case's hand-ins cite it). */
const storedPapers = new WeakSet<Service>();

/**
 * Hands in a PDF for every paper the form requires (a submission without them is refused): each hand-in is the
 * engine's record (`MATERIAL_ADDED` on the case's chain and the material row), through the service's own
 * hand-in as the upload route calls it after streaming. The file itself is stored once: copying bytes to disk
 * is not workflow work (bpmn-engine stores no files), and `npm run bench:materials` measures uploads.
 */
async function handInPapers(service: Service, app: ApplicationRecord): Promise<void> {
  if (!storedPapers.has(service)) {
    const temp = path.join(service.blobs.tempDir, `bench-${randomUUID()}`);
    fs.mkdirSync(service.blobs.tempDir, { recursive: true });
    fs.writeFileSync(temp, PAPER);
    await service.blobs.put(temp, PAPER_SHA256, PAPER.length);
    storedPapers.add(service);
  }
  const catalog = await currentCatalog(service.db, 'construction-permit');
  for (const item of requiredMaterials(catalog!, app.form)) {
    const paper = {
      code: item.code,
      fileName: `${item.code}.pdf`,
      mediaType: 'application/pdf',
      bytes: PAPER.length,
      sha256: PAPER_SHA256,
      licence: null,
      reusedFrom: null,
      uploadedBy: applicant.sub,
      onBehalfOf: null,
    };
    await addMaterial(service, app, paper, applicant);
  }
}

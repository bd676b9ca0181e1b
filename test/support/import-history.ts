/** The people and helpers the import suites share: the enterprise and clerks of the history, a changed history, a refused line, the CLI. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { SYSTEM_ACTOR } from '../../src/engine/records.ts';
import { importNdjson, type HistoricalEvent, type LineResult } from '../../src/import/index.ts';
import { HISTORY_ENTERPRISE, permitHistoryEvents } from '../fixtures/permit-history.ts';
import type { Harness } from './harness.ts';
import { ndjson } from './import.ts';

/** Far from every history: anything stamped with it came from the engine's clock, not from the history. */
export const CLOCK = '2030-06-03T12:34:56+08:00';
const ROOT = path.resolve(import.meta.dirname, '../..');

export const applicant = { sub: 'ent-user', role: 'applicant', org: HISTORY_ENTERPRISE } as const;
export const clerk = (department: string) =>
  ({ sub: `clerk-${department}`, role: 'clerk', org: department }) as const;
export const system = { sub: SYSTEM_ACTOR.sub, role: 'system', org: null } as const;

/** The history with its event at `index` changed (or removed, with `null`). */
export function changed(index: number, change: Partial<HistoricalEvent> | null): HistoricalEvent[] {
  const events = permitHistoryEvents();
  if (change === null) events.splice(index, 1);
  else events[index] = { ...events[index]!, ...change };
  return events;
}

/** The first answer of a one-line import, which must be a refusal. */
export async function refusalOf(h: Harness, line: unknown): Promise<Extract<LineResult, { ok: false }>> {
  const [result] = await importNdjson({ db: h.db, engine: h.engine }, ndjson([line]));
  expect(result, JSON.stringify(result)).to.include({ line: 1, ok: false });
  return result as Extract<LineResult, { ok: false }>;
}

/** Runs the CLI as an operator would, in a process of its own. */
export function runCli(file: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', file], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

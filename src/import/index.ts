/** Import of past cases: NDJSON histories replayed through their workflows at their own times. */
export { importLine, importLines, importNdjson } from './replay.ts';
export type { ImportDeps, LineResult } from './replay.ts';
export { ImportRefusal } from './errors.ts';
export { lineInLanguage } from './line-wording.ts';
export type { LineError } from './errors.ts';
export type { HistoricalEvent, ImportLine } from './line.ts';

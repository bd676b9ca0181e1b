/**
 * `npm run deps:check` checks the import graph of the server (`src/` without the console, `workflows/`,
 * `db/`): no cycles, and no module importing from a layer above its own (docs/architecture.md, "Layers").
 * It prints what it finds and exits 1 when there is anything. The graph is esbuild's (the bundler resolves
 * every import as Node would), plus the type-only imports esbuild erases, which shape the layers too.
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The layers, lowest first. A module may import its own layer or a lower one. A path belongs to the layer of
 * its longest matching prefix; a folder prefix ends with `/`.
 */
export const LAYERS: readonly { name: string; paths: readonly string[] }[] = [
  // The intake limit is a statutory constant both the workflows and the timing figures read.
  {
    name: 'vocabulary',
    paths: [
      'src/errors/',
      'src/money/',
      // The USCC check: the console's forms use it too.
      'src/uscc/',
      'src/json/',
      'src/config.ts',
      'src/config-error.ts',
      'src/config-oidc.ts',
      'src/config-exchange.ts',
      'src/config-ratings.ts',
      'src/timing/intake-limit.ts',
      // The configuration checks the claim mapping (OIDC_CLAIMS_MAP) it reads; both are plain data.
      'src/auth/principal.ts',
      'src/auth/claims-map.ts',
    ],
  },
  { name: 'db', paths: ['src/db/', 'db/'] },
  { name: 'calendar', paths: ['src/calendar/'] },
  {
    name: 'case records',
    paths: [
      'src/engine/records.ts',
      'src/engine/clock.ts',
      'src/engine/workflow.ts',
      'src/engine/registry.ts',
      'src/engine/machine-facts.ts',
      'src/engine/describe.ts',
    ],
  },
  { name: 'workflows', paths: ['workflows/'] },
  {
    name: 'rules',
    paths: [
      'src/validation/',
      'src/checklist/',
      'src/timing/',
      'src/materials/types.ts',
      'src/materials/required-materials.ts',
      'src/materials/case-demands.ts',
      'src/materials/byte-range.ts',
      'src/materials/file-names.ts',
    ],
  },
  { name: 'engine', paths: ['src/engine/'] },
  // A feature folder's rules and reads sit here; its routes and views at the edge, above the HTTP plumbing.
  {
    name: 'domain',
    paths: [
      'src/metrics/',
      'src/import/',
      'src/auth/',
      'src/cases/visibility.ts',
      'src/cases/queries.ts',
      'src/cases/search.ts',
      'src/delegations/scope.ts',
      'src/delegations/store.ts',
      'src/fees/store.ts',
      'src/inspections/store.ts',
      'src/materials/catalog-store.ts',
      'src/guide/guide.ts',
      'src/guide/open-facts.ts',
      'src/guide/process-outcome.ts',
      'src/materials/material-store.ts',
      'src/materials/case-catalog.ts',
      'src/materials/case-rules.ts',
      'src/materials/hand-in.ts',
      'src/materials/blob-store.ts',
      'src/materials/file-blob-store.ts',
      'src/materials/copy-blobs.ts',
      'src/materials/postgres-blob-store.ts',
      'src/materials/sweep.ts',
      'src/materials/licence-lookup.ts',
      'src/materials/view.ts',
      'src/materials/case-view.ts',
      'src/materials/verify.ts',
      'src/licences/store.ts',
      'src/licences/issue.ts',
      'src/licences/signature.ts',
      'src/licences/sm2-sign.ts',
      'src/licences/signing-key.ts',
      'src/tasks/queries.ts',
      'src/notifications/message.ts',
      'src/notifications/message-text.ts',
      'src/notifications/expert-review-messages.ts',
      'src/notifications/project-message-text.ts',
      'src/notifications/pledge-messages.ts',
      'src/notifications/names.ts',
      'src/notifications/recipients.ts',
      'src/notifications/store.ts',
      'src/notifications/observer.ts',
      'src/notifications/due-warnings.ts',
      'src/notifications/webhook.ts',
      'src/tasks/claims.ts',
      'src/directory/store.ts',
      'src/directory/form-names.ts',
      'src/exchange/handling-status.ts',
      'src/exchange/spgl-records.ts',
      'src/exchange/store.ts',
      'src/exchange/settle.ts',
      'src/exchange/export-format.ts',
      'src/exchange/observer.ts',
      'src/exchange/pusher.ts',
      'src/projects/project-code.ts',
      'src/projects/targets.ts',
      'src/projects/store.ts',
      'src/projects/observer.ts',
      'src/projects/stages.ts',
      'src/projects/case-figures.ts',
      'src/projects/visibility.ts',
      'src/credit/store.ts',
      'src/credit/credit-rules.ts',
      'src/credit/pledge-texts.ts',
      'src/credit/register-observer.ts',
      'src/credit/pledge-observer.ts',
      'src/credit/pledge-notices.ts',
      'src/credit/observer.ts',
      'src/experts/store.ts',
      'src/experts/draw.ts',
      'src/experts/draw-record.ts',
      'src/experts/decision-rule.ts',
      'src/experts/unseal.ts',
      'src/experts/figures.ts',
      'src/experts/carried-conditions.ts',
      'src/experts/review-messages.ts',
      'src/experts/review-observer.ts',
      'src/task-forces/',
      'src/pdf/',
      'src/ratings/levels.ts',
      'src/ratings/targets.ts',
      'src/ratings/store.ts',
      'src/ratings/observer.ts',
      'src/ratings/supervisor-messages.ts',
      'src/ratings/figures.ts',
      'src/ratings/defaults.ts',
    ],
  },
  { name: 'http', paths: ['src/http/', 'src/openapi/'] },
  {
    name: 'features',
    paths: [
      'src/admin/',
      'src/cases/',
      'src/credit/',
      'src/delegations/',
      'src/directory/',
      'src/exchange/',
      'src/experts/',
      'src/fees/',
      'src/guide/',
      'src/inspections/',
      'src/notifications/',
      'src/materials/',
      'src/licences/',
      'src/projects/',
      'src/reference/',
      'src/ratings/',
      'src/reports/',
      'src/sign-in/',
      'src/tasks/',
      'src/task-forces/routes/',
      'src/task-forces/index.ts',
    ],
  },
  {
    name: 'app',
    paths: [
      'src/app.ts',
      'src/service.ts',
      'src/background-work.ts',
      'src/server.ts',
      'src/cli/',
      'src/setup/',
    ],
  },
];

/** Files the graph covers; the console is a separate browser build with its own rules. */
const ROOTS = ['src', 'workflows', 'db'];
const EXCLUDED = ['src/console'];

/** Each module (a path from the repository root) and the modules it imports. */
export type ImportGraph = Map<string, Set<string>>;

/** One import that reaches above its layer. */
export interface UpwardImport {
  from: string;
  to: string;
  fromLayer: string;
  toLayer: string;
}

/** What the check finds; all empty when the graph is sound. */
export interface ImportGraphReport {
  cycles: string[][];
  upward: UpwardImport[];
  /** Modules no layer claims: the table must name every one. */
  unlayered: string[];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (EXCLUDED.includes(rel)) continue;
    if (entry.isDirectory()) files.push(...sourceFiles(rel));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(rel);
  }
  return files;
}

/** `import type … from` and `export type … from`: erased by esbuild, so read from the source. */
const TYPE_ONLY_IMPORT = /\b(?:import|export)\s+type\s[^;]*?\sfrom\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** Builds the import graph of the server's modules (relative imports only; packages are not layered). */
export async function importGraph(): Promise<ImportGraph> {
  const files = ROOTS.flatMap(sourceFiles);
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: files,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
    outdir: 'out',
  });
  const graph: ImportGraph = new Map(files.map((f) => [f, new Set<string>()]));
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    if (!graph.has(file)) continue;
    for (const imported of input.imports) {
      if (!imported.external && graph.has(imported.path)) graph.get(file)!.add(imported.path);
    }
  }
  for (const file of files) {
    const source = readFileSync(path.join(repoRoot, file), 'utf8');
    for (const match of source.matchAll(TYPE_ONLY_IMPORT)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1]!));
      if (graph.has(target)) graph.get(file)!.add(target);
    }
  }
  return graph;
}

/** The index in {@link LAYERS} of a module's layer, or -1 when no layer claims it. */
export function layerOf(file: string): number {
  let best = -1;
  let bestLength = -1;
  LAYERS.forEach((layer, index) => {
    for (const prefix of layer.paths) {
      const matches = prefix.endsWith('/') ? file.startsWith(prefix) : file === prefix;
      if (matches && prefix.length > bestLength) {
        best = index;
        bestLength = prefix.length;
      }
    }
  });
  return best;
}

/** The cycles of the graph: each strongly connected component of more than one module, or a self-import. */
function cyclesOf(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iteratively deep enough for a few hundred modules.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.has(v)) cycles.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles;
}

/** Checks the graph against {@link LAYERS}: cycles, upward imports and modules outside every layer. */
export function checkImportGraph(graph: ImportGraph): ImportGraphReport {
  const upward: UpwardImport[] = [];
  const unlayered: string[] = [];
  for (const [from, imports] of graph) {
    const fromLayer = layerOf(from);
    if (fromLayer < 0) unlayered.push(from);
    for (const to of imports) {
      const toLayer = layerOf(to);
      if (fromLayer >= 0 && toLayer > fromLayer) {
        upward.push({ from, to, fromLayer: LAYERS[fromLayer]!.name, toLayer: LAYERS[toLayer]!.name });
      }
    }
  }
  return { cycles: cyclesOf(graph), upward, unlayered: unlayered.sort() };
}

/** The report as lines a reader can act on; none when the graph is sound. */
export function describeReport(report: ImportGraphReport): string[] {
  return [
    ...report.cycles.map((cycle) => `cycle: ${cycle.join(' ↔ ')}`),
    ...report.upward.map(
      (u) => `upward import: ${u.from} (${u.fromLayer}) imports ${u.to} (${u.toLayer}, a higher layer)`,
    ),
    ...report.unlayered.map((file) => `no layer: ${file}; add it to LAYERS in src/cli/import-graph.ts`),
  ];
}

async function main(): Promise<void> {
  const graph = await importGraph();
  const problems = describeReport(checkImportGraph(graph));
  for (const line of problems) process.stdout.write(`${line}\n`);
  const edges = [...graph.values()].reduce((sum, imports) => sum + imports.size, 0);
  process.stderr.write(
    `${graph.size} modules, ${edges} imports: ${problems.length === 0 ? 'no cycles, no upward imports' : `${problems.length} problem${problems.length === 1 ? '' : 's'}`}\n`,
  );
  process.exitCode = problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

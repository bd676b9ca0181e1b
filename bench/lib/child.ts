/**
 * Child processes for the benchmark: every server, load generator and in-process measurement runs in a process
 * of its own (`node --import tsx`), so that no two of them share an event loop. Parent and child talk over the
 * IPC channel of `child_process.fork`: the child announces itself with `{ ready }`, then answers requests
 * `{ id, type, ... }` with `{ id, result }` or `{ id, error }`; a one-shot measurement sends `{ result }` once.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A child process that answers requests. */
export interface Child<Ready = unknown> {
  readonly process: ChildProcess;
  /** What the child said when it was ready. */
  readonly ready: Ready;
  request<T = unknown>(type: string, payload?: Record<string, unknown>): Promise<T>;
  /** Asks the child to stop (`{ type: 'stop' }`) and waits for it to exit. */
  stop(): Promise<void>;
}

/** How to start a child. */
export interface ChildOptions {
  /** Script under bench/, e.g. `zerotrip-server.ts`. */
  script: string;
  args?: string[];
  /** Added to the parent's environment. */
  env?: Record<string, string>;
  /** Starts node with `--expose-gc`, so the child can collect before it reads its memory. */
  exposeGc?: boolean;
}

interface Message {
  id?: number;
  ready?: unknown;
  result?: unknown;
  error?: string;
}

function spawnChild(options: ChildOptions): ChildProcess {
  // BENCH_NODE_ARGS adds node options to every child, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof' to profile.
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const execArgv = ['--import', 'tsx', ...(options.exposeGc ? ['--expose-gc'] : []), ...extra];
  return fork(path.join(BENCH_DIR, options.script), options.args ?? [], {
    execArgv,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function exitError(options: ChildOptions, code: number | null, signal: NodeJS.Signals | null): Error {
  return new Error(`bench/${options.script} exited (${signal ?? `code ${code}`}) before it answered`);
}

/** Starts a long-lived child (a server, the load generator) and waits for its `{ ready }`. */
export function startChild<Ready = unknown>(options: ChildOptions): Promise<Child<Ready>> {
  const proc = spawnChild(options);
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let exited = false;
  return new Promise((resolve, reject) => {
    proc.on('message', (message: Message) => {
      if ('ready' in message && message.id === undefined) {
        resolve({
          process: proc,
          ready: message.ready as Ready,
          request<T>(type: string, payload: Record<string, unknown> = {}): Promise<T> {
            if (exited) return Promise.reject(new Error(`bench/${options.script} has exited`));
            const id = nextId++;
            return new Promise<T>((res, rej) => {
              pending.set(id, { resolve: res as (value: unknown) => void, reject: rej });
              proc.send({ ...payload, id, type });
            });
          },
          async stop() {
            if (exited) return;
            const done = new Promise<void>((res) => proc.once('exit', () => res()));
            proc.send({ id: 0, type: 'stop' });
            const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
            await done;
            clearTimeout(timer);
          },
        });
        return;
      }
      const waiting = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id!);
      if (message.error !== undefined) waiting.reject(new Error(`bench/${options.script}: ${message.error}`));
      else waiting.resolve(message.result);
    });
    proc.on('exit', (code, signal) => {
      exited = true;
      const error = exitError(options, code, signal);
      reject(error);
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    });
  });
}

/** Runs a one-shot measurement in a child and returns the `{ result }` it sends before exiting. */
export function runChild<Result>(options: ChildOptions): Promise<Result> {
  const proc = spawnChild(options);
  return new Promise((resolve, reject) => {
    let answered = false;
    proc.on('message', (message: Message) => {
      if (message.error !== undefined) {
        answered = true;
        reject(new Error(`bench/${options.script}: ${message.error}`));
      } else if ('result' in message) {
        answered = true;
        resolve(message.result as Result);
      }
    });
    proc.on('exit', (code, signal) => {
      if (!answered) reject(exitError(options, code, signal));
    });
  });
}

/** Child side: what one request type does. */
export type Handlers = Record<string, (message: Record<string, unknown>) => unknown>;

/**
 * Child side of {@link startChild}: answers requests with `handlers`, `stop` with `onStop` and exit. A child
 * started by hand (no IPC channel) does nothing here. The child exits when its parent goes away.
 */
export function serve(ready: unknown, handlers: Handlers, onStop: () => Promise<void> | void): void {
  const send = process.send?.bind(process);
  if (!send) return;
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (message: Record<string, unknown>) => {
    const id = message.id as number;
    if (message.type === 'stop') {
      await onStop();
      process.exit(0);
    }
    const handler = handlers[message.type as string];
    try {
      if (!handler) throw new Error(`no handler for ${String(message.type)}`);
      send({ id, result: await handler(message) });
    } catch (error) {
      send({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  send({ ready });
}

/**
 * Child side of {@link runChild}: sends the result to the parent, or prints it when the script was started by
 * hand, and exits.
 */
export async function report(measure: () => Promise<unknown>): Promise<void> {
  try {
    const result = await measure();
    if (process.send) await new Promise<void>((resolve) => process.send!({ result }, () => resolve()));
    else console.log(JSON.stringify(result, null, 2));
    process.exit(0);
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    if (process.send) await new Promise<void>((resolve) => process.send!({ error: text }, () => resolve()));
    else console.error(text);
    process.exit(1);
  }
}

/** Memory of this process in MB, after a full collection when node was started with `--expose-gc`. */
export function memory(): { rssMb: number; heapUsedMb: number; gc: boolean } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / 1048576, heapUsedMb: usage.heapUsed / 1048576, gc: gc !== undefined };
}

import { UnknownWorkflowError } from '../errors/index.ts';
import type { WorkflowDefinition } from './workflow.ts';

/**
 * Every workflow version the service can run. An application keeps the version it started with, so old
 * versions stay registered as long as any case uses them; new cases start on the latest.
 */
export class WorkflowRegistry {
  private readonly byKey = new Map<string, WorkflowDefinition>();
  private readonly latestById = new Map<string, WorkflowDefinition>();

  constructor(definitions: Iterable<WorkflowDefinition>) {
    for (const def of definitions) {
      const key = `${def.id}@${def.version}`;
      if (this.byKey.has(key)) throw new Error(`workflow ${key} is registered twice`);
      this.byKey.set(key, def);
      const latest = this.latestById.get(def.id);
      if (!latest || latest.version < def.version) this.latestById.set(def.id, def);
    }
  }

  /** A given version, or the latest when no version is asked for. */
  get(id: string, version?: number): WorkflowDefinition {
    const def = version === undefined ? this.latestById.get(id) : this.byKey.get(`${id}@${version}`);
    if (!def) throw new UnknownWorkflowError(id, version);
    return def;
  }

  has(id: string): boolean {
    return this.latestById.has(id);
  }

  /** The latest version of each workflow. */
  latest(): WorkflowDefinition[] {
    return [...this.latestById.values()];
  }

  /** Every registered version. */
  all(): WorkflowDefinition[] {
    return [...this.byKey.values()];
  }
}

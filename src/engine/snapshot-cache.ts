import type { AnyMachineSnapshot } from 'xstate';

/** How many committed snapshots the engine keeps to skip restoring them. */
const RESTORED_CASES = 5_000;

/**
 * The snapshot of each case as this process last committed it. A version is committed once (the optimistic
 * lock), so a row still at that version needs no restore; another writer's commit changes the version.
 */
export class SnapshotCache {
  private readonly restored = new Map<string, { version: number; snapshot: AnyMachineSnapshot }>();

  /** The snapshot committed at `version`, if this process committed it and still keeps it. */
  get(id: string, version: number): AnyMachineSnapshot | undefined {
    const cached = this.restored.get(id);
    return cached?.version === version ? cached.snapshot : undefined;
  }

  /** Keeps a committed snapshot for the next event of the case (a few thousand cases, oldest dropped first). */
  remember(id: string, version: number, snapshot: AnyMachineSnapshot): void {
    this.restored.delete(id);
    this.restored.set(id, { version, snapshot });
    if (this.restored.size > RESTORED_CASES) this.restored.delete(this.restored.keys().next().value!);
  }
}

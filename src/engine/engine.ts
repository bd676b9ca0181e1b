import type { Knex } from 'knex';
import type { AnyMachineSnapshot } from 'xstate';
import type { WorkingCalendar } from '../calendar/index.ts';
import { type Database, type EventStore, type GroupCommit, knexEventStore } from '../db/index.ts';
import { ApplicationNotFoundError } from '../errors/index.ts';
import { appendToCase } from './append.ts';
import { recordWith, type Attempt, type RecordSteps } from './attempt-record.ts';
import type { Clock } from './clock.ts';
import { withConflictRetry } from './conflict-retry.ts';
import { applyEffects, effectContextFor } from './effects.ts';
import type { EventRules } from './event-rules.ts';
import { eventVerdict } from './event-verdict.ts';
import { figuresAtConclusion } from './figures-at-conclusion.ts';
import { lockCase } from './locked-case.ts';
import { machineEventFor } from './machine-event.ts';
import { patchDraftIn, type DraftPatch } from './draft-patch.ts';
import { clockFlags, restoreSnapshot } from './machine-state.ts';
import { createCase } from './create-case.ts';
import { toApplication, type ApplicationRecord } from './records.ts';
import type { WorkflowRegistry } from './registry.ts';
import { auditData, changedApplicationRow } from './rows.ts';
import { nextRecord } from './next-record.ts';
import { EventObservers } from './observers.ts';
import { SnapshotCache } from './snapshot-cache.ts';
import type { AfterEvent, CreateInput, EventObserver, SendInput, SendResult } from './types.ts';

/** What the engine is built from. */
export interface EngineOptions {
  db: Database;
  registry: WorkflowRegistry;
  calendar: WorkingCalendar;
  clock: Clock;
  /** How often an event is re-applied after another writer changed the case first. */
  maxConflictRetries?: number;
  /** Group commit for plain events (`groupCommitFor(db)`); without it each event commits alone. */
  groupCommit?: GroupCommit;
  /** Rules kept outside the machines that live events must meet (the materials of a case). */
  eventRules?: EventRules;
}

/**
 * Runs workflows as pure functions over persisted snapshots: load, `transition`, and write the snapshot, the
 * audit record, the task diff, timers and outbox rows in one transaction (docs/architecture.md, "The engine").
 */
export class Engine {
  readonly registry: WorkflowRegistry;
  readonly calendar: WorkingCalendar;
  readonly clock: Clock;
  private readonly db: Database;
  private readonly maxConflictRetries: number;
  /** The group commit plain events go through (its `stats` tell the benchmark what batches carried). */
  readonly groupCommit: GroupCommit | undefined;
  private readonly eventRules: EventRules | undefined;
  private readonly restored = new SnapshotCache();
  readonly observers = new EventObservers();

  constructor(options: EngineOptions) {
    this.db = options.db;
    this.registry = options.registry;
    this.calendar = options.calendar;
    this.clock = options.clock;
    this.maxConflictRetries = options.maxConflictRetries ?? 5;
    this.groupCommit = options.groupCommit;
    this.eventRules = options.eventRules;
  }

  /**
   * Adds work that runs in the transaction of every entry once it is written (docs/architecture.md, "Observers").
   * The service adds them at start, before the first event.
   */
  observe(observer: EventObserver): void {
    this.observers.add(observer);
  }

  /**
   * Creates a case and its `CREATE` audit record (seq 1). The machine's input is the case's facts and the
   * time, so a workflow may start timers of its own (a delegation's expiry); `alongside` writes rows that
   * belong to the new case in the same transaction.
   */
  async create(
    input: CreateInput,
    alongside?: (trx: Knex.Transaction, app: ApplicationRecord) => Promise<void>,
    after?: AfterEvent,
  ): Promise<SendResult> {
    if (!alongside && this.groupCommit) {
      if (!after) return this.groupCommit.run((store) => this.createWith(store, input));
      return this.groupCommit.run(async (store) => {
        const result = await this.createWith(store, input);
        await after(store, result);
        return result;
      });
    }
    return this.db.knex.transaction(async (trx) => {
      const result = await this.createInTransaction(trx, input);
      await alongside?.(trx, result.application);
      await after?.(knexEventStore(trx, this.db.dialect), result);
      return result;
    });
  }

  /**
   * Creates a case inside a caller's transaction: an import creates a case and replays its whole history in
   * one transaction, so that a refused event leaves nothing of the case behind.
   */
  async createInTransaction(trx: Knex.Transaction, input: CreateInput): Promise<SendResult> {
    return this.createWith(knexEventStore(trx, this.db.dialect), input);
  }

  /**
   * Creates a case through the store of a transaction already open — an observer creating the case that
   * follows from an event (a licence from a permit's issue) commits it with that event.
   */
  async createWith(store: EventStore, input: CreateInput): Promise<SendResult> {
    return createCase(store, this, input);
  }

  /**
   * Applies one event, retrying a bounded number of times when a parallel writer got there first. `alongside`
   * writes rows that belong to the event (a fee, an inspection) in the same transaction; what it returns is
   * added to the event's data, so the audit record names the row. A refused event rolls the rows back too.
   * `after` runs in the same transaction once the event is written.
   */
  async send(
    input: SendInput,
    alongside?: (trx: Knex.Transaction) => Promise<Record<string, unknown>>,
    after?: AfterEvent,
  ): Promise<SendResult> {
    // Concurrent events share one commit, the batch locking their cases. A conflict (a writer that takes no
    // lock, from an older release) fails that event alone, and it runs again in a later batch. Without
    // `after`, no wrapper: one async frame fewer per event on the hot path.
    const group = this.groupCommit;
    if (!alongside && group) {
      const id = input.applicationId;
      const result = await withConflictRetry(this.maxConflictRetries, () =>
        after
          ? group.run(async (store) => {
              const applied = await this.applyWith(store, input, true);
              await after(store, applied);
              return applied;
            }, id)
          : group.run((store) => this.applyWith(store, input, true), id),
      );
      return this.remember(result);
    }
    const result = await withConflictRetry(this.maxConflictRetries, () =>
      this.db.knex.transaction(async (trx) => {
        // Before `alongside`: its checks (one open inspection per item) must see the previous writer's rows.
        await lockCase(this.db, trx, input.applicationId);
        const data = alongside ? await alongside(trx) : undefined;
        const event = data ? { ...input.event, data: { ...input.event.data, ...data } } : input.event;
        const applied = await this.applyWith(knexEventStore(trx, this.db.dialect), { ...input, event }, true);
        await after?.(knexEventStore(trx, this.db.dialect), applied);
        return applied;
      }),
    );
    return this.remember(result);
  }

  /**
   * Applies one event through the store of a transaction already open — an observer sending the event that
   * follows from another (a licence revoked when its pledge proved false) commits it with that event.
   */
  async sendWith(store: EventStore, input: SendInput): Promise<SendResult> {
    return this.applyWith(store, input);
  }

  /**
   * Applies one event inside a caller's transaction (the scheduler claims its timer row in the same one).
   * Refusals throw before anything is written.
   */
  async applyInTransaction(trx: Knex.Transaction, input: SendInput): Promise<SendResult> {
    return this.applyWith(knexEventStore(trx, this.db.dialect), input);
  }

  /**
   * Applies one event through a store: Knex in a transaction, or prepared statements in a group commit. `live`
   * for an event sent by a caller (`send`), which the event rules check; not for timers, the import, observers.
   */
  private async applyWith(store: EventStore, input: SendInput, live = false): Promise<SendResult> {
    const row = await store.application(input.applicationId);
    const found = row ? toApplication(row, this.db.dialect) : null;
    if (input.admit) input = { ...input, event: await input.admit(store, found) };
    if (!found) throw new ApplicationNotFoundError(input.applicationId);
    const app = found;
    const def = this.registry.get(app.workflowId, app.workflowVersion);
    const at = (input.at ?? this.clock.now()).toISOString();
    const event = await machineEventFor(store, def, app, input, at);
    if (live && this.eventRules?.eventTypes.has(event.type)) {
      const extra = await this.eventRules.check(store, app, event);
      if (extra) event.data = { ...event.data, ...extra };
    }

    const before = this.restoredSnapshot(app, store);
    const verdict = eventVerdict(def, before, event, app.status);
    if (!verdict.ok) throw verdict.refusal;
    const { after, actions } = verdict;

    const next = nextRecord(def, app, event, after, this.calendar);
    const appended = await appendToCase(
      store,
      app,
      {
        at,
        type: event.type,
        actor: input.actor,
        onBehalfOf: input.onBehalfOf ?? null,
        from: before.value,
        to: after.value,
        comment: event.comment ?? null,
        data: auditData(event),
        status: next.status,
        ...clockFlags(after),
      },
      async (record) => {
        next.lastHash = record.hash;
        const row = changedApplicationRow(app, next);
        if (!next.concludedAt) return row;
        return Object.assign(row, await figuresAtConclusion(store, def, next, record, this.calendar));
      },
    );
    store.uncommitted?.set(next.id, { version: next.version, value: after });
    const effects = effectContextFor(store, this.calendar, next, at, appended.seq, event.type);
    await applyEffects(effects, { before, after, actions, concluded: next.concludedAt !== null });
    if (this.observers.any) {
      await this.observers.notify(store, {
        application: next,
        previousStatus: app.status,
        type: event.type,
        at,
        actor: input.actor,
        onBehalfOf: input.onBehalfOf ?? null,
        comment: event.comment ?? null,
        data: (auditData(event) as Record<string, unknown> | null) ?? null,
        seq: appended.seq,
        replayed: input.replayed === true,
        before,
        after,
      });
    }
    return { application: next, snapshot: after, seq: appended.seq };
  }

  /**
   * Merges a JSON merge patch into a draft's project and form. Drafts may be incomplete: the form is checked
   * on submission. Recorded as `UPDATE_DRAFT` so the history shows who changed what.
   */
  async patchDraft(input: DraftPatch): Promise<ApplicationRecord> {
    return this.db.knex.transaction((trx) =>
      patchDraftIn(this.db, trx, this.clock, input, (app) =>
        this.registry.get(app.workflowId, app.workflowVersion),
      ),
    );
  }

  /**
   * Puts an act that leaves the machine's state alone on the case's record: a refused attempt (the checklist
   * licensing rule asks that an off-list fee or inspection be on record), or a material handed in or removed,
   * whose `steps` check the case first and write the act's own rows after, committed with the record. Through
   * the group commit where there is one, like an event.
   */
  async record(input: Attempt, steps: RecordSteps = {}): Promise<ApplicationRecord> {
    const { applicationId } = input;
    if (this.groupCommit) {
      return this.keepSnapshot(
        await this.groupCommit.run((store) => this.recordThrough(store, input, steps)),
      );
    }
    const recorded = await withConflictRetry(this.maxConflictRetries, () =>
      this.db.knex.transaction(async (trx) => {
        await lockCase(this.db, trx, applicationId);
        return this.recordThrough(knexEventStore(trx, this.db.dialect), input, steps);
      }),
    );
    return this.keepSnapshot(recorded);
  }

  private recordThrough(store: EventStore, input: Attempt, steps: RecordSteps): Promise<ApplicationRecord> {
    // The state is unchanged, and so is the clock: the record carries the flags on, for the timing module.
    const stopped = (app: ApplicationRecord) => clockFlags(this.restoredSnapshot(app, store));
    return recordWith(store, this.clock, stopped, input, steps);
  }

  /** The snapshot of a case just recorded is the one it had: the next event need not restore it. */
  private keepSnapshot(app: ApplicationRecord): ApplicationRecord {
    const snapshot = this.restored.get(app.id, app.version - 1);
    if (snapshot) this.restored.remember(app.id, app.version, snapshot);
    return app;
  }

  /**
   * The case's snapshot: the one an earlier event of the store's batch wrote, the one this process committed
   * last, or restored from the row.
   */
  private restoredSnapshot(app: ApplicationRecord, store?: EventStore): AnyMachineSnapshot {
    const written = store?.uncommitted?.get(app.id);
    if (written?.version === app.version) return written.value as AnyMachineSnapshot;
    return this.restored.get(app.id, app.version) ?? this.snapshotOf(app);
  }

  /**
   * Reads through the store the hot path writes with: on SQLite inside the next group commit (prepared
   * statements on the one connection, no Knex); where the group commit reads on its own (PostgreSQL), or
   * without one, straight through Knex.
   */
  read<T>(work: (store: EventStore) => Promise<T>): Promise<T> {
    if (this.groupCommit?.read) return this.groupCommit.read(work);
    return this.groupCommit
      ? this.groupCommit.run(work)
      : work(knexEventStore(this.db.knex, this.db.dialect));
  }

  /** Keeps a committed snapshot for the next event of the case. */
  private remember(result: SendResult): SendResult {
    this.restored.remember(result.application.id, result.application.version, result.snapshot);
    return result;
  }

  /** Loads a case, or null. */
  async load(id: string): Promise<ApplicationRecord | null> {
    const row = await this.db.knex('applications').where({ id }).first();
    return row ? toApplication(row, this.db.dialect) : null;
  }

  /** Restores a loaded case's snapshot against the version of the workflow it started with. */
  snapshotOf(app: ApplicationRecord): AnyMachineSnapshot {
    return restoreSnapshot(
      this.registry.get(app.workflowId, app.workflowVersion).machine,
      app.snapshot,
      app.id,
    );
  }
}

import type { Knex } from 'knex';
import { initialTransition, type AnyMachineSnapshot } from 'xstate';
import type { WorkingCalendar } from '../calendar/index.ts';
import { type Database, type EventStore, type GroupCommit, knexEventStore } from '../db/index.ts';
import { ApplicationNotFoundError } from '../errors/index.ts';
import { appendToCase } from './append.ts';
import { recordAttemptIn, type Attempt } from './attempt-record.ts';
import { GENESIS_HASH } from './audit-chain.ts';
import type { Clock } from './clock.ts';
import { withConflictRetry } from './conflict-retry.ts';
import { advanceStoppedClock } from '../timing/stopped-clock.ts';
import { applyEffects, type EffectContext } from './effects.ts';
import type { EventRules } from './event-rules.ts';
import { eventVerdict } from './event-verdict.ts';
import { figuresAtConclusion } from './figures-at-conclusion.ts';
import { lockCase } from './locked-case.ts';
import { machineEventFor } from './machine-event.ts';
import { patchDraftIn, type DraftPatch } from './draft-patch.ts';
import { clockStopped, persistSnapshot, restoreSnapshot, statusOf } from './machine-state.ts';
import { newCase } from './new-case.ts';
import { toApplication, type ApplicationRecord } from './records.ts';
import type { WorkflowRegistry } from './registry.ts';
import { applicationRow, auditData, insertAudit } from './rows.ts';
import { SnapshotCache } from './snapshot-cache.ts';
import type { AfterEvent, CreateInput, SendInput, SendResult } from './types.ts';
import type { MachineEvent, WorkflowDefinition } from './workflow.ts';

/** What the engine is built from. */
export interface EngineOptions {
  db: Database;
  registry: WorkflowRegistry;
  calendar: WorkingCalendar;
  clock: Clock;
  /** How often an event is re-applied after another writer changed the case first. */
  maxConflictRetries?: number;
  /** Group commit for plain events (`groupCommitFor(db)`: one on SQLite); without it each event commits alone. */
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
  private readonly groupCommit: GroupCommit | undefined;
  private readonly eventRules: EventRules | undefined;
  private readonly restored = new SnapshotCache();

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
      return this.groupCommit.run(async (store) => {
        const result = await this.createWith(store, input);
        await after?.(store, result);
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

  private async createWith(store: EventStore, input: CreateInput): Promise<SendResult> {
    const def = this.registry.get(input.workflow, input.workflowVersion);
    const at = (input.at ?? this.clock.now()).toISOString();
    const [snapshot, actions] = initialTransition(def.machine, {
      at,
      applicant: input.applicant,
      project: input.project,
      form: input.form,
    });
    const { record, audit } = newCase(def, input, snapshot, at);
    await store.insertApplication(applicationRow(record));
    await insertAudit(store, audit, GENESIS_HASH, record.lastHash, record.status, clockStopped(snapshot));
    const effects = this.effectContext(store, record, at, 1, 'CREATE');
    await applyEffects(effects, { before: null, after: snapshot, actions, concluded: false });
    return { application: record, snapshot, seq: 1 };
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
    // Events the rules look at read other tables on the event's transaction: never in a group commit.
    const ruled = this.eventRules?.eventTypes.has(input.event.type) ?? false;
    // SQLite has one writer: no conflicts to retry, and concurrent events can share one commit.
    if (!alongside && !ruled && this.groupCommit) {
      const result = await this.groupCommit.run(async (store) => {
        const applied = await this.applyWith(store, input);
        await after?.(store, applied);
        return applied;
      });
      return this.remember(result);
    }
    const result = await withConflictRetry(this.maxConflictRetries, () =>
      this.db.knex.transaction(async (trx) => {
        // Before `alongside`: its checks (one open inspection per item) must see the previous writer's rows.
        await lockCase(this.db, trx, input.applicationId);
        const data = alongside ? await alongside(trx) : undefined;
        const event = data ? { ...input.event, data: { ...input.event.data, ...data } } : input.event;
        const applied = await this.applyWith(knexEventStore(trx, this.db.dialect), { ...input, event }, trx);
        await after?.(knexEventStore(trx, this.db.dialect), applied);
        return applied;
      }),
    );
    return this.remember(result);
  }

  /**
   * Applies one event inside a caller's transaction (the scheduler claims its timer row in the same one).
   * Refusals throw before anything is written.
   */
  async applyInTransaction(trx: Knex.Transaction, input: SendInput): Promise<SendResult> {
    return this.applyWith(knexEventStore(trx, this.db.dialect), input);
  }

  /**
   * Applies one event through a store: Knex in a transaction, or prepared statements in a group commit.
   * `ruledIn` is the transaction of a live event, which the event rules check on.
   */
  private async applyWith(
    store: EventStore,
    input: SendInput,
    ruledIn?: Knex.Transaction,
  ): Promise<SendResult> {
    const row = await store.application(input.applicationId);
    if (!row) throw new ApplicationNotFoundError(input.applicationId);
    const app = toApplication(row, this.db.dialect);
    const def = this.registry.get(app.workflowId, app.workflowVersion);
    const at = (input.at ?? this.clock.now()).toISOString();
    const event = await machineEventFor(store, def, app, input, at);
    if (ruledIn && this.eventRules?.eventTypes.has(event.type)) {
      const extra = await this.eventRules.check(ruledIn, app, event);
      if (extra) event.data = { ...event.data, ...extra };
    }

    const before =
      this.restored.get(app.id, app.version) ?? restoreSnapshot(def.machine, app.snapshot, app.id);
    const verdict = eventVerdict(def, before, event, app.status);
    if (!verdict.ok) throw verdict.refusal;
    const { after, actions } = verdict;

    const next = this.nextRecord(def, app, event, after);
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
        clockStopped: clockStopped(after),
      },
      async (record) => {
        next.lastHash = record.hash;
        const figures = next.concludedAt
          ? await figuresAtConclusion(store, def, next, record, this.calendar)
          : {};
        return { ...applicationRow(next, true), ...figures };
      },
    );
    const effects = this.effectContext(store, next, at, appended.seq, event.type);
    await applyEffects(effects, { before, after, actions, concluded: next.concludedAt !== null });
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
   * Puts a refused attempt on the case's record without changing its state: the checklist licensing rule asks
   * that an off-list fee or inspection be on record (who tried to charge or inspect what).
   */
  async recordAttempt(input: Attempt): Promise<ApplicationRecord> {
    // The state is unchanged, and so is the clock: the record carries the flag on, for the timing module.
    const stopped = (app: ApplicationRecord) => clockStopped(this.snapshotOf(app));
    return withConflictRetry(this.maxConflictRetries, () =>
      this.db.knex.transaction((trx) => recordAttemptIn(this.db, trx, this.clock, stopped, input)),
    );
  }

  /**
   * Puts an act that leaves the machine's state alone (a material handed in or removed) on the case's record,
   * inside the caller's transaction so that the act's own rows commit with it; `guard` sees the locked case
   * first and may refuse.
   */
  recordInTransaction(
    trx: Knex.Transaction,
    input: Attempt,
    guard?: (app: ApplicationRecord) => void | Promise<void>,
  ): Promise<ApplicationRecord> {
    const stopped = (app: ApplicationRecord) => clockStopped(this.snapshotOf(app));
    return recordAttemptIn(this.db, trx, this.clock, stopped, input, guard);
  }

  /** Where and when the effects of an entry are written; `app` is the case after it. */
  private effectContext(
    store: EventStore,
    app: ApplicationRecord,
    at: string,
    seq: number,
    eventType: string,
  ): EffectContext {
    const { id: applicationId, workflowId, status } = app;
    return { store, calendar: this.calendar, applicationId, workflowId, at, seq, eventType, status };
  }

  /**
   * Reads through the store the hot path writes with: on SQLite inside the next group commit (prepared
   * statements on the one connection, no Knex), elsewhere straight through Knex.
   */
  read<T>(work: (store: EventStore) => Promise<T>): Promise<T> {
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

  /** The case row after the event: status, milestones, the limit and the running account of the stopped clock. */
  private nextRecord(
    def: WorkflowDefinition,
    app: ApplicationRecord,
    event: MachineEvent,
    after: AnyMachineSnapshot,
  ): ApplicationRecord {
    const at = event.at;
    const next: ApplicationRecord = {
      ...app,
      snapshot: persistSnapshot(def.machine, after),
      state: after.value,
      status: statusOf(after),
      version: app.version + 1,
      updatedAt: at,
    };
    if (!next.submittedAt && def.submitEvents.includes(event.type)) next.submittedAt = at;
    if (!next.acceptedAt && def.acceptanceEvents.includes(event.type)) next.acceptedAt = at;
    const concluded = after.status === 'done';
    if (concluded) next.concludedAt = at;
    if (!next.acceptedAt) return next;

    // The case clock runs from acceptance; intake waits before it never count (docs/domain.md).
    const stopped = clockStopped(after) && !concluded;
    Object.assign(next, advanceStoppedClock(next, stopped, at, this.calendar));
    next.limitWorkingDays = def.limitWorkingDays(after.context);
    if (next.limitWorkingDays !== null) {
      next.dueAt = this.calendar
        .dueAt(next.acceptedAt, next.limitWorkingDays + next.stoppedWorkingDays)
        .toISOString();
    }
    return next;
  }
}

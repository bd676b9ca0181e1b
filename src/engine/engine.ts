import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { WorkingCalendar } from '../calendar/index.ts';
import type { Database } from '../db/open.ts';
import { chainHash, GENESIS_HASH } from './audit-chain.ts';
import type { Clock } from './clock.ts';
import { checkEventContent } from './content.ts';
import { ApplicationNotFoundError, EventNotAllowedError, VersionConflictError } from '../errors/index.ts';
import { clockStopped, persistSnapshot, restoreSnapshot, statusOf } from './machine-state.ts';
import { toApplication, toAudit, type Actor, type ApplicationRecord, type AuditRecord } from './records.ts';
import { storedCaseFigures, type StoredCaseFigures } from '../timing/case-figures.ts';
import type { WorkflowRegistry } from './registry.ts';
import { applyEffects, type EffectContext } from './effects.ts';
import type { EventInput, MachineEvent, WorkflowDefinition } from './workflow.ts';
import { mergePatch } from './merge-patch.ts';
import { applicationRow, auditData, contentRow, insertAudit } from './rows.ts';
import { checklistFromRow, requiredInspections } from '../checklist/index.ts';
import type { EventStore, GroupCommit } from '../db/event-store.ts';
import { knexEventStore } from '../db/knex-event-store.ts';

/** How many committed snapshots the engine keeps to skip restoring them. */
const RESTORED_CASES = 5_000;

/**
 * Waits a random while, up to a limit that doubles with each attempt, before an event that lost a race is
 * applied again: losers that retried at once would collide again in step.
 */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(200, 5 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

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
}

/**
 * Work that must commit with an event or not at all (an idempotency key's completion), run inside the event's
 * transaction once the event is written; if it throws, the event is rolled back with it.
 */
export type AfterEvent = (store: EventStore, result: SendResult) => Promise<void>;

/** A new draft. */
export interface CreateInput {
  workflow: string;
  /** A registered older version (import of past cases); the latest when absent. */
  workflowVersion?: number;
  applicant: string;
  project: Record<string, unknown>;
  form: Record<string, unknown>;
  actor: Actor;
  onBehalfOf?: string | null;
  /** A historical time (import); defaults to the clock. */
  at?: Date;
}

/** One event for one case. */
export interface SendInput {
  applicationId: string;
  event: EventInput;
  actor: Actor;
  onBehalfOf?: string | null;
  at?: Date;
}

/** The case after a committed event. */
export interface SendResult {
  application: ApplicationRecord;
  snapshot: AnyMachineSnapshot;
  seq: number;
}

/**
 * Runs workflows as pure functions over persisted snapshots: load, `transition`, and write the snapshot, the
 * audit record, the task diff, timers and outbox rows in one transaction (DESIGN.md, "The engine").
 */
export class Engine {
  readonly registry: WorkflowRegistry;
  readonly calendar: WorkingCalendar;
  readonly clock: Clock;
  private readonly db: Database;
  private readonly maxConflictRetries: number;
  private readonly groupCommit: GroupCommit | undefined;
  /**
   * The snapshot of each case as this process last committed it. A version is committed once (the optimistic
   * lock), so a row still at that version needs no restore; another writer's commit changes the version.
   */
  private readonly restored = new Map<string, { version: number; snapshot: AnyMachineSnapshot }>();

  constructor(options: EngineOptions) {
    this.db = options.db;
    this.registry = options.registry;
    this.calendar = options.calendar;
    this.clock = options.clock;
    this.maxConflictRetries = options.maxConflictRetries ?? 5;
    this.groupCommit = options.groupCommit;
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
    const persisted = persistSnapshot(def.machine, snapshot);
    const record: ApplicationRecord = {
      id: randomUUID(),
      workflowId: def.id,
      workflowVersion: def.version,
      applicant: input.applicant,
      createdBy: input.actor.sub,
      project: input.project,
      form: input.form,
      snapshot: persisted,
      state: snapshot.value,
      status: statusOf(snapshot),
      version: 1,
      lastHash: GENESIS_HASH,
      createdAt: at,
      updatedAt: at,
      submittedAt: null,
      acceptedAt: null,
      concludedAt: null,
      limitWorkingDays: null,
      clockStoppedSince: null,
      stoppedWorkingDays: 0,
      dueAt: null,
    };
    const audit = {
      applicationId: record.id,
      seq: 1,
      at,
      type: 'CREATE',
      actor: input.actor,
      onBehalfOf: input.onBehalfOf ?? null,
      from: null,
      to: snapshot.value,
      comment: null,
      data: { workflow: def.id, workflowVersion: def.version, applicant: input.applicant },
    };
    record.lastHash = chainHash(GENESIS_HASH, audit);
    await store.insertApplication(applicationRow(record));
    await insertAudit(store, audit, GENESIS_HASH, record.lastHash, record.status, clockStopped(snapshot));
    const effects: EffectContext = {
      store,
      calendar: this.calendar,
      applicationId: record.id,
      workflowId: record.workflowId,
      at,
      seq: 1,
      eventType: 'CREATE',
      status: record.status,
    };
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
    // SQLite has one writer: no conflicts to retry, and concurrent events can share one commit.
    if (!alongside && this.groupCommit) {
      const result = await this.groupCommit.run(async (store) => {
        const applied = await this.applyWith(store, input);
        await after?.(store, applied);
        return applied;
      });
      return this.remember(result);
    }
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.db.knex.transaction(async (trx) => {
          // Before `alongside`: its checks (one open inspection per item) must see the previous writer's rows.
          await this.lockCase(trx, input.applicationId);
          const data = alongside ? await alongside(trx) : undefined;
          const event = data ? { ...input.event, data: { ...input.event.data, ...data } } : input.event;
          const applied = await this.applyInTransaction(trx, { ...input, event });
          await after?.(knexEventStore(trx, this.db.dialect), applied);
          return applied;
        });
        return this.remember(result);
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt >= this.maxConflictRetries) throw error;
        await backoff(attempt);
      }
    }
  }

  /**
   * Applies one event inside a caller's transaction (the scheduler claims its timer row in the same one).
   * Refusals throw before anything is written.
   */
  async applyInTransaction(trx: Knex.Transaction, input: SendInput): Promise<SendResult> {
    return this.applyWith(knexEventStore(trx, this.db.dialect), input);
  }

  /** Applies one event through a store: Knex in a transaction, or prepared statements in a group commit. */
  private async applyWith(store: EventStore, input: SendInput): Promise<SendResult> {
    const row = await store.application(input.applicationId);
    if (!row) throw new ApplicationNotFoundError(input.applicationId);
    const app = toApplication(row, this.db.dialect);
    const def = this.registry.get(app.workflowId, app.workflowVersion);
    const at = (input.at ?? this.clock.now()).toISOString();
    const event: MachineEvent = { ...input.event, at, actor: input.actor };
    checkEventContent(def, event, app);
    if (def.submitEvents.includes(event.type)) event.form = app.form;
    if (def.checklistInspectionsOn?.includes(event.type)) {
      // Fixed at acceptance from the version then in force; later versions do not change a running case.
      const checklist = checklistFromRow(this.db.dialect, await store.latestChecklist());
      event.checklistVersion = checklist.version;
      event.requiredInspections = requiredInspections(checklist, def.id, app.form).map((i) => ({
        department: i.department,
        code: i.code,
      }));
    }

    const cached = this.restored.get(app.id);
    const before =
      cached?.version === app.version ? cached.snapshot : restoreSnapshot(def.machine, app.snapshot, app.id);
    const [after, actions] = transition(def.machine, before, event);
    // XState hands back the very same snapshot when no transition was taken: never accept silently. A concluded
    // case takes no event at all: pure `transition` would still run a root-level transition (WITHDRAW) on it.
    if (after === before || before.status !== 'active') {
      const reason = before.status === 'active' ? def.explainRefusal?.(before, event) : undefined;
      throw new EventNotAllowedError(event.type, before.value, app.status, reason);
    }

    const next = this.nextRecord(def, app, event, after);
    const seq = app.version + 1;
    const audit = {
      applicationId: app.id,
      seq,
      at,
      type: event.type,
      actor: input.actor,
      onBehalfOf: input.onBehalfOf ?? null,
      from: before.value,
      to: after.value,
      comment: event.comment ?? null,
      data: auditData(event),
    };
    next.lastHash = chainHash(app.lastHash, audit);

    const figures = next.concludedAt
      ? await this.figuresAtConclusion(store, def, next, {
          ...audit,
          prevHash: app.lastHash,
          hash: next.lastHash,
          status: next.status,
          clockStopped: clockStopped(after),
        })
      : {};
    const updated = await store.updateApplication(app.id, app.version, {
      ...applicationRow(next, true),
      ...figures,
    });
    if (updated !== 1) throw new VersionConflictError(app.id, app.version);
    await insertAudit(store, audit, app.lastHash, next.lastHash, next.status, clockStopped(after));

    const effects: EffectContext = {
      store,
      calendar: this.calendar,
      applicationId: app.id,
      workflowId: app.workflowId,
      at,
      seq,
      eventType: event.type,
      status: next.status,
    };
    await applyEffects(effects, { before, after, actions, concluded: next.concludedAt !== null });
    return { application: next, snapshot: after, seq };
  }

  /**
   * Merges a JSON merge patch into a draft's project and form. Drafts may be incomplete: the form is checked
   * on submission. Recorded as `UPDATE_DRAFT` so the history shows who changed what.
   */
  async patchDraft(input: {
    applicationId: string;
    patch: { project?: Record<string, unknown>; form?: Record<string, unknown> };
    actor: Actor;
    onBehalfOf?: string | null;
  }): Promise<ApplicationRecord> {
    return this.db.knex.transaction(async (trx) => {
      await this.lockCase(trx, input.applicationId);
      const row = await trx('applications').where({ id: input.applicationId }).first();
      if (!row) throw new ApplicationNotFoundError(input.applicationId);
      const app = toApplication(row, this.db.dialect);
      if (app.status !== 'draft') throw new EventNotAllowedError('PATCH', app.state, app.status);
      const at = this.clock.now().toISOString();
      const next: ApplicationRecord = {
        ...app,
        project: mergePatch(app.project, input.patch.project ?? {}) as Record<string, unknown>,
        form: mergePatch(app.form, input.patch.form ?? {}) as Record<string, unknown>,
        version: app.version + 1,
        updatedAt: at,
      };
      const audit = {
        applicationId: app.id,
        seq: next.version,
        at,
        type: 'UPDATE_DRAFT',
        actor: input.actor,
        onBehalfOf: input.onBehalfOf ?? null,
        from: app.state,
        to: app.state,
        comment: null,
        data: input.patch,
      };
      next.lastHash = chainHash(app.lastHash, audit);
      const store = knexEventStore(trx, this.db.dialect);
      const updated = await store.updateApplication(app.id, app.version, {
        ...applicationRow(next, true),
        ...contentRow(next),
      });
      if (updated !== 1) throw new VersionConflictError(app.id, app.version);
      await insertAudit(store, audit, app.lastHash, next.lastHash, next.status, false);
      return next;
    });
  }

  /**
   * Puts a refused attempt on the case's record without changing its state: the checklist licensing rule asks
   * that an off-list fee or inspection be on record (who tried to charge or inspect what).
   */
  async recordAttempt(input: {
    applicationId: string;
    type: string;
    actor: Actor;
    data: unknown;
    comment?: string;
  }) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.knex.transaction(async (trx) => {
          await this.lockCase(trx, input.applicationId);
          const row = await trx('applications').where({ id: input.applicationId }).first();
          if (!row) throw new ApplicationNotFoundError(input.applicationId);
          const app = toApplication(row, this.db.dialect);
          const at = this.clock.now().toISOString();
          const next: ApplicationRecord = { ...app, version: app.version + 1, updatedAt: at };
          const audit = {
            applicationId: app.id,
            seq: next.version,
            at,
            type: input.type,
            actor: input.actor,
            onBehalfOf: null,
            from: app.state,
            to: app.state,
            comment: input.comment ?? null,
            data: input.data,
          };
          next.lastHash = chainHash(app.lastHash, audit);
          const store = knexEventStore(trx, this.db.dialect);
          const updated = await store.updateApplication(app.id, app.version, {
            version: next.version,
            last_hash: next.lastHash,
            updated_at: at,
          });
          if (updated !== 1) throw new VersionConflictError(app.id, app.version);
          // The state is unchanged, and so is the clock: the record carries the flag on, for the timing module.
          await insertAudit(
            store,
            audit,
            app.lastHash,
            next.lastHash,
            app.status,
            clockStopped(this.snapshotOf(app)),
          );
          return next;
        });
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt >= this.maxConflictRetries) throw error;
        await backoff(attempt);
      }
    }
  }

  /**
   * Takes the case's row lock for the rest of the transaction, so that writers of one case queue behind each
   * other instead of failing the optimistic lock (PostgreSQL; SQLite has a single writer anyway). The version
   * check stays: instances of an older release, during a rolling upgrade, write without the lock.
   */
  private async lockCase(trx: Knex.Transaction, id: string): Promise<void> {
    await this.db.dialect.lockForUpdate(trx('applications').where({ id }).select('id'));
  }

  /** The stored figures of a case that concludes with this event, from its audit log including this record. */
  private async figuresAtConclusion(
    store: EventStore,
    def: WorkflowDefinition,
    app: ApplicationRecord,
    last: AuditRecord,
  ): Promise<StoredCaseFigures> {
    const rows = await store.auditRows(app.id);
    const history = [...rows.map((r) => toAudit(r, this.db.dialect)), last];
    return storedCaseFigures(app, history, def.acceptanceEvents, this.calendar);
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

  /** Keeps a committed snapshot for the next event of the case (a few thousand cases, oldest dropped first). */
  private remember(result: SendResult): SendResult {
    const { id, version } = result.application;
    this.restored.delete(id);
    this.restored.set(id, { version, snapshot: result.snapshot });
    if (this.restored.size > RESTORED_CASES) this.restored.delete(this.restored.keys().next().value!);
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

    // The case clock runs from acceptance; intake waits before it never count (DOMAIN.md).
    const stopped = clockStopped(after) && !concluded;
    if (next.clockStoppedSince && !stopped) {
      next.stoppedWorkingDays += this.calendar.elapsed(next.clockStoppedSince, at);
      next.clockStoppedSince = null;
    } else if (!next.clockStoppedSince && stopped) {
      next.clockStoppedSince = at;
    }
    next.limitWorkingDays = def.limitWorkingDays(after.context);
    if (next.limitWorkingDays !== null) {
      next.dueAt = this.calendar
        .dueAt(next.acceptedAt, next.limitWorkingDays + next.stoppedWorkingDays)
        .toISOString();
    }
    return next;
  }
}

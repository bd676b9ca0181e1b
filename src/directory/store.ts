/**
 * The directory: enterprises by USCC (name, legal representative, contact phone) and people by user id
 * (`sub`, the name they signed in with). Every read and write of the `enterprises` and `people` tables.
 *
 * Where an enterprise's name comes from, lowest first: a unit of its own form that carries its own USCC
 * (`form`), its own token's `org_name` claim (`token`), and what the enterprise (or an administrator) keeps
 * in the directory itself (`enterprise`). A lower source never overwrites a higher one, and nothing one
 * enterprise writes names another: a form's other units (the design unit, the contractor) are not read.
 */
import type { Principal } from '../auth/principal.ts';
import type { Database, EventStore } from '../db/index.ts';

/** Where a directory name came from, lowest first. */
export const NAME_SOURCES = ['form', 'token', 'enterprise'] as const;
export type NameSource = (typeof NAME_SOURCES)[number];

/** An enterprise's entry. */
export interface EnterpriseEntry {
  uscc: string;
  name: string | null;
  nameSource: NameSource | null;
  legalRepresentative: string | null;
  contactPhone: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

/** A person as last seen signing in. */
export interface PersonEntry {
  sub: string;
  name: string | null;
  role: string;
  org: string | null;
  lead: boolean;
}

const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

function toEnterprise(row: Record<string, unknown>): EnterpriseEntry {
  return {
    uscc: String(row.uscc),
    name: str(row.name),
    nameSource: str(row.name_source) as NameSource | null,
    legalRepresentative: str(row.legal_representative),
    contactPhone: str(row.contact_phone),
    updatedAt: String(row.updated_at),
    updatedBy: str(row.updated_by),
  };
}

/** One enterprise's entry, or null when the directory knows nothing of it. */
export async function enterpriseEntry(db: Database, uscc: string): Promise<EnterpriseEntry | null> {
  const row = await db.knex('enterprises').where({ uscc }).first();
  return row ? toEnterprise(row) : null;
}

/** The names of these enterprises the directory knows (missing ones are absent from the map). */
export async function enterpriseNames(db: Database, usccs: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(usccs)];
  if (!wanted.length) return new Map();
  const rows = await db
    .knex('enterprises')
    .whereIn('uscc', wanted)
    .whereNotNull('name')
    .select('uscc', 'name');
  return new Map(rows.map((r: { uscc: string; name: string }) => [r.uscc, r.name]));
}

/** The names of these people (by `sub`) the directory knows. */
export async function peopleNames(db: Database, subs: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(subs)];
  if (!wanted.length) return new Map();
  const rows = await db.knex('people').whereIn('sub', wanted).whereNotNull('name').select('sub', 'name');
  return new Map(rows.map((r: { sub: string; name: string }) => [r.sub, r.name]));
}

/** A person the directory has seen, or null. */
export async function personEntry(db: Database, sub: string): Promise<PersonEntry | null> {
  const row = await db.knex('people').where({ sub }).first();
  if (!row) return null;
  return {
    sub: String(row.sub),
    name: str(row.name),
    role: String(row.role),
    org: str(row.org),
    lead: db.dialect.readBool(row.lead),
  };
}

/** The clerks of a department the directory has seen, by name. */
export async function clerksOf(db: Database, department: string): Promise<PersonEntry[]> {
  const rows = await db
    .knex('people')
    .where({ role: 'clerk', org: department })
    .orderBy([{ column: 'name' }, { column: 'sub' }]);
  return rows.map((row: Record<string, unknown>) => ({
    sub: String(row.sub),
    name: str(row.name),
    role: 'clerk',
    org: department,
    lead: db.dialect.readBool(row.lead),
  }));
}

/** Records the caller as its token describes it now. */
export async function rememberPerson(db: Database, principal: Principal, at: string): Promise<void> {
  const row = {
    sub: principal.sub,
    name: principal.name ?? null,
    role: principal.role,
    org: principal.org,
    lead: principal.lead === true,
    seen_at: at,
  };
  await db.knex('people').insert(row).onConflict('sub').merge();
}

/**
 * Notes a name for an enterprise from a source below `enterprise`: written when the entry is new or its name
 * came from a source no higher. Runs on a store, so that a name read from a form commits with the event.
 */
export async function noteEnterpriseName(
  store: Pick<EventStore, 'query'>,
  entry: { uscc: string; name: string; source: Exclude<NameSource, 'enterprise'>; at: string; by: string },
): Promise<void> {
  const lower = NAME_SOURCES.slice(0, NAME_SOURCES.indexOf(entry.source) + 1);
  await store.query(
    `insert into enterprises (uscc, name, name_source, updated_at, updated_by) values (?, ?, ?, ?, ?)
     on conflict (uscc) do update set name = excluded.name, name_source = excluded.name_source,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by
     where enterprises.name is null or enterprises.name_source is null
       or (enterprises.name_source in (${lower.map(() => '?').join(', ')}) and enterprises.name <> excluded.name)`,
    [entry.uscc, entry.name, entry.source, entry.at, entry.by, ...lower],
  );
}

/** What the enterprise keeps of itself in the directory. */
export interface EnterpriseChange {
  name: string;
  legalRepresentative: string | null;
  contactPhone: string | null;
}

/** Writes the enterprise's own entry (by the enterprise or an administrator): the highest source. */
export async function keepEnterpriseEntry(
  db: Database,
  uscc: string,
  change: EnterpriseChange,
  by: string,
  at: string,
): Promise<EnterpriseEntry> {
  await db
    .knex('enterprises')
    .insert({
      uscc,
      name: change.name,
      name_source: 'enterprise',
      legal_representative: change.legalRepresentative,
      contact_phone: change.contactPhone,
      updated_at: at,
      updated_by: by,
    })
    .onConflict('uscc')
    .merge();
  return (await enterpriseEntry(db, uscc))!;
}

/** The names a page shows, read in two queries: people by `sub`, enterprises by USCC. */
export async function namesFor(
  db: Database,
  wanted: { people?: Iterable<string | null>; enterprises?: Iterable<string | null> },
): Promise<{ people: Map<string, string>; enterprises: Map<string, string> }> {
  const present = (values: Iterable<string | null> = []) => [...values].filter((v): v is string => !!v);
  const [people, enterprises] = await Promise.all([
    peopleNames(db, present(wanted.people)),
    enterpriseNames(db, present(wanted.enterprises)),
  ]);
  return { people, enterprises };
}

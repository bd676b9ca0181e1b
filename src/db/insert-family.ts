import type { EventStore, FamilyChildren, FamilyParent } from './event-store.ts';

/**
 * {@link EventStore.insertFamily} one statement after the other, through the store's own `query` and
 * `insert`: for the stores that hold nothing back (SQLite's, where a statement costs no round trip, and Knex's).
 */
export async function insertFamilyInTurn(
  store: Pick<EventStore, 'query' | 'insert'>,
  parent: FamilyParent,
  children: FamilyChildren,
): Promise<void> {
  const columns = Object.keys(parent.row);
  const [inserted] = await store.query(
    `insert into ${parent.table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')}) ` +
      `on conflict (${parent.unique}) do nothing returning id`,
    columns.map((c) => parent.row[c]),
  );
  if (!inserted) return;
  for (const row of children.rows)
    await store.insert(children.table, { [children.key]: inserted.id, ...row });
}

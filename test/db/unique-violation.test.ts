import { expect } from 'chai';
import { isUniqueViolation } from '../../src/db/index.ts';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../support/databases.ts';

/*
 * A broken unique key as each real database reports it (not a hand-made error): the same row inserted twice.
 * Anything else — another constraint, a missing table — is not one.
 */
describeEachDatabase('db/unique-violation', (kind) => {
  let t: TestDatabase;
  before(async () => {
    t = await openTestDatabase(kind);
    await t.db.knex.schema.createTable('pairs', (table) => {
      table.string('a').notNullable();
      table.unique(['a']);
    });
  });
  after(async () => {
    await t?.close();
  });

  const failure = (work: Promise<unknown>) =>
    work.then(
      () => expect.fail('expected the database to refuse'),
      (error: unknown) => error,
    );

  it('should recognise the second insert of the same key', async () => {
    await t.db.knex('pairs').insert({ a: 'x' });
    expect(isUniqueViolation(await failure(t.db.knex('pairs').insert({ a: 'x' })))).to.equal(true);
  });

  it('should recognise it inside a transaction, and nothing else', async () => {
    const inTransaction = await failure(
      t.db.knex.transaction(async (trx) => {
        await trx('pairs').insert({ a: 'y' });
        await trx('pairs').insert({ a: 'y' });
      }),
    );
    expect(isUniqueViolation(inTransaction)).to.equal(true);
    expect(await t.db.knex('pairs').where({ a: 'y' }).select('a')).to.deep.equal([]);
    expect(isUniqueViolation(await failure(t.db.knex('pairs').insert({ a: null })))).to.equal(false);
    expect(isUniqueViolation(await failure(t.db.knex('missing').select()))).to.equal(false);
    expect(isUniqueViolation(new Error('UNIQUE constraint failed'))).to.equal(false);
    expect(isUniqueViolation(null)).to.equal(false);
  });
});

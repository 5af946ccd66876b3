import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * What a member keeps to shape what they see and who may answer them (issue #20 part 6): the members they
 * muted (their works and comments leave every listing and count the muter reads), the members they blocked
 * (who may no longer comment on the blocker's works or answer their comments), saved works searches, and an
 * exclusion list of tags, creators and ratings applied like muting. Every row goes with either member's
 * account.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function createMemberFilters(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  // biome-ignore lint/suspicious/noExplicitAny: the column builder's type differs per call site.
  const primary = (column: any) =>
    dialect === 'postgres' ? column.primaryKey() : column.primaryKey().autoIncrement();

  for (const [table, other] of [
    ['mutes', 'muted_user_id'],
    ['blocks', 'blocked_user_id'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn(other, 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['user_id', other])
      .execute();
    await db.schema.createIndex(`${table}_other`).on(table).column(other).execute();
  }

  await db.schema
    .createTable('saved_filters')
    .addColumn('id', id, primary)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('saved_filters_user').on('saved_filters').column('user_id').execute();

  await db.schema
    .createTable('exclusions')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('exclusions_pk', ['user_id', 'kind', 'value'])
    .execute();
}

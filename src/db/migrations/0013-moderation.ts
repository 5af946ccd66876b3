import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Moderation: reports of works, comments and members waiting in the admins' queue, the audit log every
 * moderation and wrangling action writes to, and wranglers' answers to tags an import inferred (see
 * db/moderation.tables.ts).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function createModeration(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  // biome-ignore lint/suspicious/noExplicitAny: the builder's column callback type.
  const primary = (column: any) =>
    dialect === 'postgres' ? column.primaryKey() : column.primaryKey().autoIncrement();

  // A report names its target by kind and number, not by a foreign key: the queue keeps a report whose
  // work, comment or member is gone, with the label it had.
  await db.schema
    .createTable('reports')
    .addColumn('id', id, primary)
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('target_label', 'text', (c) => c.notNull())
    .addColumn('reporter_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolution', 'text')
    .addColumn('resolution_note', 'text')
    .execute();
  await db.schema.createIndex('reports_open').on('reports').columns(['resolved_at', 'id']).execute();

  // Who acted is kept by name too: the log outlives the account, and the command line has none.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', id, primary)
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer')
    .addColumn('target_label', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tag_reviews')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tag_reviews_pk', ['work_id', 'kind', 'name'])
    .execute();
}

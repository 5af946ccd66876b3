import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Suggestions an import found below the confidence threshold (analysis/confidence.ts): not tags, so no
 * page, filter or search reads them; a wrangler adds one to its work or dismisses it. Each row keeps what
 * adding it needs (whether the name is canonical, the fandom a character or pairing belongs to).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function createPossibleTags(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const flag = dialect === 'postgres' ? 'smallint' : 'integer';
  await db.schema
    .createTable('possible_tags')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('canonical', flag, (c) => c.notNull())
    .addColumn('parent_fandom', 'text')
    .addColumn('confidence', 'real', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addPrimaryKeyConstraint('possible_tags_pk', ['work_id', 'kind', 'name'])
    .execute();
}

import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The community around works, first part: kudos once per member and once per guest (a guest is the SHA-256
 * of a random cookie, never an address), and hits once per visitor, work and day through `work_visits`
 * (see db/community.tables.ts), whose salts rotate daily.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function createCommunity(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('kudos').addColumn('guest_key', 'text').execute();
  // NULLs are distinct on both dialects: a guest's row (no user) and a member's row (no guest key) never clash.
  await db.schema
    .createIndex('kudos_work_user')
    .on('kudos')
    .columns(['work_id', 'user_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('kudos_work_guest')
    .on('kudos')
    .columns(['work_id', 'guest_key'])
    .unique()
    .execute();
  await db.schema.createIndex('kudos_user').on('kudos').column('user_id').execute();

  await db.schema
    .createTable('visit_salts')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('salt', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('work_visits')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('visitor_hash', 'text', (c) => c.notNull())
    .addColumn('counted', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('work_visits_pk', ['work_id', 'day', 'visitor_hash'])
    .execute();
  await db.schema
    .createIndex('work_visits_counted')
    .on('work_visits')
    .columns(['counted', 'work_id'])
    .execute();
}

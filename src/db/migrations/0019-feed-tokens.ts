import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Each member's private feed address (issue #20 part 6): feed readers carry no session cookie, so a secret
 * in the feed's address says whose mutes and exclusion list apply. One per member, replaced when the member
 * makes a new one; only its SHA-256 is kept, so a copy of the database opens no one's feeds.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function createFeedTokens(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('feed_tokens')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

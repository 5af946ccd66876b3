import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Accounts and posting: members with roles, pseuds that creators link to, database sessions (several app
 * servers share them), single-use tokens, a mail outbox, personal access tokens for the API, works that are
 * drafts, posted or hidden and may be restricted to members, chapters waiting for their time, co-creator
 * invitations, claims of imported creator names and the suggestions an author dismissed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function createAccounts(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  const flag = dialect === 'postgres' ? 'smallint' : 'integer';
  // biome-ignore lint/suspicious/noExplicitAny: the builder's column callback type.
  const primary = (column: any) =>
    dialect === 'postgres' ? column.primaryKey() : column.primaryKey().autoIncrement();

  // The users table of the first migration had room for accounts; it gains what accounts need. SQLite adds
  // one column per statement.
  await db.schema
    .alterTable('users')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member'))
    .execute();
  await db.schema.alterTable('users').addColumn('suspended_until', 'text').execute();
  await db.schema.alterTable('users').addColumn('suspended_reason', 'text').execute();
  await db.schema.alterTable('users').addColumn('password_changed_at', 'text').execute();
  // Names and addresses are unique whatever their case, as a person types them.
  await db.schema.createIndex('users_name_lower').on('users').unique().expression(sql`lower(name)`).execute();
  await db.schema
    .createIndex('users_email_lower')
    .on('users')
    .unique()
    .expression(sql`lower(email)`)
    .execute();

  await db.schema
    .createTable('pseuds')
    .addColumn('id', id, primary)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_default', flag, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('pseuds_name_lower')
    .on('pseuds')
    .unique()
    .expression(sql`lower(name)`)
    .execute();
  await db.schema.createIndex('pseuds_user').on('pseuds').column('user_id').execute();
  // A creator name on works belongs to a pseud once posted under it or claimed; imported names have none.
  await db.schema
    .alterTable('creators')
    .addColumn('pseud_id', 'integer', (c) => c.references('pseuds.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('creators_pseud').on('creators').column('pseud_id').execute();

  await db.schema
    .createTable('sessions')
    // The SHA-256 of the cookie's value: a copy of the table opens no session.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('account_tokens')
    .addColumn('id', id, primary)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('new_email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('account_tokens_user').on('account_tokens').column('user_id').execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', id, primary)
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', id, primary)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

  // Every work so far was imported: posted and public.
  await db.schema
    .alterTable('works')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('posted'))
    .execute();
  await db.schema
    .alterTable('works')
    .addColumn('restricted', flag, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('works_status').on('works').columns(['status', 'id']).execute();

  // A chapter waiting for its time is kept apart, so every reader of `chapters` sees posted chapters only.
  await db.schema
    .createTable('scheduled_chapters')
    .addColumn('id', id, primary)
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('title', 'text')
    .addColumn('notes', 'text')
    .addColumn('end_notes', 'text')
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('publish_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scheduled_chapters_publish_at')
    .on('scheduled_chapters')
    .column('publish_at')
    .execute();

  await db.schema
    .createTable('cocreator_invitations')
    .addColumn('id', id, primary)
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('pseud_id', 'integer', (c) => c.notNull().references('pseuds.id').onDelete('cascade'))
    .addColumn('invited_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addUniqueConstraint('cocreator_invitations_work_pseud', ['work_id', 'pseud_id'])
    .execute();

  await db.schema
    .createTable('creator_claims')
    .addColumn('id', id, primary)
    .addColumn('creator_id', 'integer', (c) => c.notNull().references('creators.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('creator_claims_creator').on('creator_claims').column('creator_id').execute();

  await db.schema
    .createTable('dismissed_suggestions')
    .addColumn('id', id, primary)
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    // The text the suggestion was made for: dismissed for this text, offered again if the text changes.
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('dismissed_suggestions_unique', ['work_id', 'kind', 'value', 'text_hash'])
    .execute();
}

import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Role, WorkStatus } from '../domain/roles.ts';

/** Booleans are 0/1 in SQLite and booleans in PostgreSQL; read both as truthy numbers. */
type Flag = ColumnType<number | boolean, number | boolean, number | boolean>;

export type { Role, WorkStatus };

export interface UserTable {
  id: Generated<number>;
  /** The username, unique whatever its case. */
  name: string;
  email: string | null;
  /** argon2id; null for an account that cannot log in with a password. */
  password_hash: string | null;
  created_at: string;
  role: Generated<Role>;
  /** Until when the member may read but not post; null when not suspended. */
  suspended_until: string | null;
  suspended_reason: string | null;
  password_changed_at: string | null;
  /** Mail me about comments on my works (migration 0010); off until the member turns it on. */
  comment_mail: Generated<number>;
}

export interface PseudTable {
  id: Generated<number>;
  user_id: number;
  /** Unique whatever its case, and the name of the creator row it writes as. */
  name: string;
  is_default: Flag;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 (hex) of the session cookie's value. */
  id: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export const TOKEN_PURPOSES = ['password_reset', 'email_change'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** A single-use token sent by mail; only its hash is kept. */
export interface AccountTokenTable {
  id: Generated<number>;
  user_id: number;
  purpose: TokenPurpose;
  token_hash: string;
  /** For an email change: the address it confirms. */
  new_email: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Mail kept for an admin to read (`quire mail`) when no SMTP server is configured. */
export interface MailOutboxTable {
  id: Generated<number>;
  recipient: string;
  subject: string;
  body: string;
  created_at: string;
  read_at: string | null;
}

/** A personal access token for the API; only its hash is kept. */
export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

/** A chapter to be posted at `publish_at`; moved into `chapters` then. */
export interface ScheduledChapterTable {
  id: Generated<number>;
  work_id: number;
  title: string | null;
  notes: string | null;
  end_notes: string | null;
  /** Sanitized HTML, as a posted chapter's. */
  html: string;
  publish_at: string;
  created_at: string;
}

export type InvitationStatus = 'pending' | 'accepted' | 'declined';

export interface CocreatorInvitationTable {
  id: Generated<number>;
  work_id: number;
  pseud_id: number;
  invited_by: number | null;
  status: InvitationStatus;
  created_at: string;
  answered_at: string | null;
}

export type ClaimStatus = 'pending' | 'invited' | 'approved' | 'rejected';

/**
 * A member's claim of a creator name that came with imported works: asked by the member and decided by an
 * admin (`pending`), or offered by an admin to an address and accepted with the mailed token (`invited`).
 */
export interface CreatorClaimTable {
  id: Generated<number>;
  creator_id: number;
  user_id: number | null;
  email: string | null;
  token_hash: string | null;
  status: ClaimStatus;
  message: string | null;
  created_at: string;
  expires_at: string | null;
  decided_at: string | null;
  decided_by: number | null;
}

/** A suggestion the author turned down for the work's text as it was. */
export interface DismissedSuggestionTable {
  id: Generated<number>;
  work_id: number;
  kind: string;
  value: string;
  text_hash: string;
  created_at: string;
}

export interface AccountTables {
  users: UserTable;
  pseuds: PseudTable;
  sessions: SessionTable;
  account_tokens: AccountTokenTable;
  mail_outbox: MailOutboxTable;
  api_tokens: ApiTokenTable;
  scheduled_chapters: ScheduledChapterTable;
  cocreator_invitations: CocreatorInvitationTable;
  creator_claims: CreatorClaimTable;
  dismissed_suggestions: DismissedSuggestionTable;
}

export type UserRow = Selectable<UserTable>;
export type PseudRow = Selectable<PseudTable>;

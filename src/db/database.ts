import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { TagKind } from '../domain/tag-kinds.ts';
import type { AccountTables, WorkStatus } from './accounts.tables.ts';
import type { BookmarkTables } from './bookmarks.tables.ts';
import type { CommunityTables } from './community.tables.ts';
import type { MemberFilterTables } from './member-filters.tables.ts';
import type { ModerationTables } from './moderation.tables.ts';
import type { RescueTables } from './rescue.tables.ts';
import type { SubscriptionTables } from './subscriptions.tables.ts';

/** The SQL dialects an archive can live in. */
export type Dialect = 'sqlite' | 'postgres';

/** Booleans are 0/1 in SQLite and booleans in PostgreSQL; the repositories read both as truthy numbers. */
type Flag = ColumnType<number | boolean, number | boolean, number | boolean>;

export interface WorkTable {
  id: Generated<number>;
  title: string | null;
  /** Lower-cased title without leading articles, for sorting. */
  title_sort: string;
  /** First creator's name, lower-cased, for sorting by author. */
  creator_sort: string;
  summary: string | null;
  notes: string | null;
  end_notes: string | null;
  rating: string;
  language: string;
  complete: Flag;
  words: number;
  chapter_count: number;
  /** Chapters planned, when the work says (`3/5`); null when unknown. */
  chapters_planned: number | null;
  fandom_count: number;
  published_at: string;
  updated_at: string;
  /** 1 when the work's file stated no date: `published_at` is then the import day (migration 0016). */
  date_unknown: ColumnType<number | boolean, number | boolean | undefined, number | boolean>;
  /** 1 while `updated_at` is the import day too: until a new chapter dates the update (migration 0028). */
  updated_unknown: ColumnType<number | boolean, number | boolean | undefined, number | boolean>;
  imported_at: string;
  source_url: string | null;
  /** Hash of the normalized story text: the same story in two formats has the same hash. */
  text_hash: string;
  kudos_count: Generated<number>;
  hits_count: Generated<number>;
  bookmarks_count: Generated<number>;
  comments_count: Generated<number>;
  /** Who may comment: `guests` and members, `members` only, or `none` (migration 0010). */
  comment_permission: Generated<CommentPermission>;
  comments_moderated: Generated<number>;
  /** Review notes from the analysis (JSON), for a person to look at. */
  review: string | null;
  status: Generated<WorkStatus>;
  /** Shown to logged-in members only. */
  restricted: ColumnType<number | boolean, number | boolean | undefined, number | boolean>;
}

export type CommentPermission = 'guests' | 'members' | 'none';

export interface ChapterTable {
  id: Generated<number>;
  work_id: number;
  position: number;
  title: string | null;
  notes: string | null;
  end_notes: string | null;
  /** Sanitized HTML of the chapter body. */
  html: string;
  /** Plain text of the chapter body, as evidence offsets count it. */
  text: string;
  words: number;
  sanitizer_version: number;
}

export interface CreatorTable {
  id: Generated<number>;
  name: string;
  /** The pseud that writes as this name; null for a name that came with imported works and is unclaimed. */
  pseud_id: number | null;
}

export interface WorkCreatorTable {
  work_id: number;
  creator_id: number;
  position: number;
}

export interface TagTable {
  id: Generated<number>;
  name: string;
  kind: TagKind;
  canonical: Flag;
  /** For a synonym: the canonical tag it leads to. */
  synonym_of: number | null;
  /** For characters and relationships: the fandom they belong to. */
  parent_fandom_id: number | null;
}

export interface WorkTagTable {
  work_id: number;
  tag_id: number;
  /** `author`: the work's own header said it; `inferred`: the analysis suggested it. */
  source: 'author' | 'inferred';
  confidence: number;
  /** A relationship the analysis found central, not merely present. */
  main: Flag;
  /** JSON list of evidence: header lines or passages. */
  evidence: string | null;
}

/** A suggestion an import found below the confidence threshold, for a wrangler to add or dismiss. */
export interface PossibleTagTable {
  work_id: number;
  kind: TagKind;
  name: string;
  canonical: Flag;
  parent_fandom: string | null;
  confidence: number;
  /** JSON list of evidence: the passages and rules behind it. */
  evidence: string | null;
}

/**
 * The tags a work is found by: each work tag's canonical tag (a synonym resolves to its canonical), kept
 * apart from the tags as given, as AO3 keeps filter_taggings apart from taggings.
 */
export interface WorkFilterTagTable {
  work_id: number;
  tag_id: number;
  main: Flag;
}

/** Every original tag string seen in a file, and the tag it maps to (editable with `quire tags`). */
export interface TagMappingTable {
  id: Generated<number>;
  kind: TagKind;
  original: string;
  tag_id: number | null;
}

export interface SeriesTable {
  id: Generated<number>;
  title: string;
}

export interface SeriesWorkTable {
  series_id: number;
  work_id: number;
  position: number | null;
}

export interface ImportTable {
  id: Generated<number>;
  source_path: string;
  /** Hash of the file's bytes. */
  content_hash: string;
  format: string;
  work_id: number | null;
  status: 'imported' | 'updated' | 'duplicate' | 'failed';
  error: string | null;
  /** The header fields as the file wrote them (JSON). */
  header: string | null;
  imported_at: string;
}

export interface KudosTable {
  id: Generated<number>;
  work_id: number;
  /** The member who left kudos; null for a guest. */
  user_id: number | null;
  /** For a guest: the SHA-256 of their random guest cookie (migration 0009). */
  guest_key: string | null;
  created_at: string;
}

export interface CommentTable {
  id: Generated<number>;
  work_id: number;
  chapter_id: number | null;
  user_id: number | null;
  /** Sanitized HTML. */
  body: string;
  created_at: string;
  /** The name a guest (or an old archive's reviewer) gave; null for a member's comment. */
  guest_name: string | null;
  /** The comment this one answers. */
  parent_id: number | null;
  /** The first comment of a reply's thread; null for a comment that starts one (migration 0010). */
  thread_id: number | null;
  /** The pseud a member wrote as. */
  pseud_id: number | null;
  /** For a guest: the SHA-256 of their guest cookie, which limits their pace; and the email they gave. */
  guest_key: string | null;
  guest_email: string | null;
  /** `held` until a creator approves it when the work's comments are moderated. */
  status: Generated<CommentStatus>;
  /** A frozen thread takes no replies, and its comments no edits. */
  frozen: Generated<number>;
  edited_at: string | null;
  /** Set instead of deleting a comment that has replies: it shows as deleted and its replies stay. */
  deleted_at: string | null;
}

export type CommentStatus = 'posted' | 'held';

/**
 * Two change counters bumped by triggers, so a process holding archive data in memory knows when it is out
 * of date: row 1 goes up with every change to works (but their counts), filter tags or tags; row 2 with
 * every change to the works' kudos, hits, bookmarks and comments counts and to comments (migration 0017).
 */
export interface ArchiveVersionTable {
  id: number;
  version: ColumnType<number | string | bigint, number, number>;
}

export interface Database
  extends AccountTables,
    RescueTables,
    CommunityTables,
    BookmarkTables,
    MemberFilterTables,
    ModerationTables,
    SubscriptionTables {
  works: WorkTable;
  chapters: ChapterTable;
  creators: CreatorTable;
  work_creators: WorkCreatorTable;
  tags: TagTable;
  work_tags: WorkTagTable;
  possible_tags: PossibleTagTable;
  work_filter_tags: WorkFilterTagTable;
  tag_mappings: TagMappingTable;
  series: SeriesTable;
  series_works: SeriesWorkTable;
  imports: ImportTable;
  kudos: KudosTable;
  comments: CommentTable;
  archive_version: ArchiveVersionTable;
}

export type WorkRow = Selectable<WorkTable>;
export type NewWorkRow = Insertable<WorkTable>;
export type ChapterRow = Selectable<ChapterTable>;
export type TagRow = Selectable<TagTable>;

/** The database, or a transaction on it: what every query function takes. */
export type Db = Kysely<Database> | Transaction<Database>;

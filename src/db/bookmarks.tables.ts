import type { ColumnType, Generated } from 'kysely';

/** 0/1 in both dialects (migration 0011 stores integers); read as truthy numbers. */
type IntFlag = ColumnType<number, number | undefined, number>;

/** A member's bookmark of a work or (work_id null) of a series. */
export interface BookmarkTable {
  id: Generated<number>;
  user_id: number;
  work_id: number | null;
  series_id: number | null;
  /** The reader's notes: sanitized HTML (paragraphs of inline HTML), or null. */
  notes: string | null;
  /** The sanitizer version that wrote `notes` (see ingest/stored-html.ts). */
  notes_sanitizer_version: ColumnType<number, number | undefined, number>;
  /** Seen by its owner only; not counted in the work's bookmarks_count. */
  private: IntFlag;
  /** Marked as a recommendation. */
  rec: IntFlag;
  created_at: string;
  updated_at: string;
}

/** The bookmarker's own tags, free text, in the order they gave them. */
export interface BookmarkTagTable {
  bookmark_id: number;
  name: string;
  position: number;
}

/** A reader's named collection of their bookmarks; a bookmark can be in several. */
export interface BookmarkCollectionTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  created_at: string;
}

export interface BookmarkCollectionItemTable {
  collection_id: number;
  bookmark_id: number;
}

/**
 * A member's reading of a work (AO3's readings): how often and when they last read it and the last chapter
 * (the read mark), kept while their history is not paused; and Mark for Later, kept either way.
 */
export interface ReadingTable {
  user_id: number;
  work_id: number;
  /** Visits kept in the history; 0 for a work only marked for later. */
  views: ColumnType<number, number | undefined, number>;
  last_read_at: string | null;
  /** The position of the last chapter read. */
  last_chapter: number | null;
  later: IntFlag;
  marked_at: string | null;
}

export interface BookmarkTables {
  bookmarks: BookmarkTable;
  bookmark_tags: BookmarkTagTable;
  bookmark_collections: BookmarkCollectionTable;
  bookmark_collection_items: BookmarkCollectionItemTable;
  readings: ReadingTable;
}

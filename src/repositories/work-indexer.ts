import type { Db } from '../db/database.ts';
import type { StoredText } from '../db/stored-text.ts';

/** The text a work is found by. */
export interface SearchDocument {
  title: string;
  summary: string;
  tags: string;
  /** The story's text: a string, or its UTF-8 bytes. */
  body: StoredText;
}

/**
 * What storing a work asks of full-text search, in the same transaction: declared here, below search, so
 * that the repositories never import search; each search provider (search/search-provider.ts) is one.
 */
export interface WorkIndexer {
  indexWork(db: Db, workId: number, document: SearchDocument): Promise<void>;
  removeWork(db: Db, workId: number): Promise<void>;
}

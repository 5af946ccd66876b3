import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../database.ts';
import { createArchive } from './0001-archive.ts';
import { createArchiveVersion } from './0002-archive-version.ts';
import { addSearchHead } from './0003-search-head.ts';
import { createTextMatchFunctions } from './0004-text-match-functions.ts';
import { createAccounts } from './0005-accounts.ts';
import { createRescue } from './0006-rescue.ts';
import { createCommunity } from './0009-community.ts';
import { createComments } from './0010-comments.ts';
import { createBookmarks } from './0011-bookmarks.ts';
import { createModeration } from './0013-moderation.ts';
import { createSubscriptions } from './0014-subscriptions.ts';
import { createMemberFilters } from './0015-member-filters.ts';
import { addDateUnknown } from './0016-date-unknown.ts';
import { createCountsVersion } from './0017-counts-version.ts';
import { indexChapterHeads } from './0018-chapter-heads.ts';
import { createFeedTokens } from './0019-feed-tokens.ts';
import { watchCreatorsAndSeries } from './0020-creators-version.ts';
import { indexListingReads } from './0021-listing-reads.ts';
import { createPossibleTags } from './0022-possible-tags.ts';
import { unlockSeriesTitles } from './0023-series-titles.ts';
import { moveTextMatchToWorkTexts } from './0024-work-texts.ts';
import { packTextMatches } from './0025-packed-text-matches.ts';
import { sendTextMatchesInLists } from './0026-text-match-lists.ts';
import { rankWordsByHeadIndex } from './0027-ranked-by-head-index.ts';
import { addUpdatedUnknown } from './0028-updated-unknown.ts';

/**
 * Migrations live in code, in order, so they run the same from a clean checkout, a worker thread or a
 * test without scanning folders. Each knows the dialect only where SQL differs (ids, full-text search).
 */
export function migrationsFor(dialect: Dialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001_archive': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => createArchive(db, dialect),
    },
    '0002_archive_version': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => createArchiveVersion(db, dialect),
    },
    '0003_search_head': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => addSearchHead(db, dialect),
    },
    '0004_text_match_functions': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => createTextMatchFunctions(db, dialect),
    },
    '0005_accounts': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => createAccounts(db, dialect),
    },
    '0006_rescue': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => createRescue(db, dialect),
    },
    '0009_community': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => createCommunity(db, dialect),
    },
    '0010_comments': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => createComments(db, dialect),
    },
    '0011_bookmarks': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => createBookmarks(db, dialect),
    },
    '0013_moderation': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => createModeration(db, dialect),
    },
    '0014_subscriptions': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => createSubscriptions(db, dialect),
    },
    '0015_member_filters': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => createMemberFilters(db, dialect),
    },
    '0016_date_unknown': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => addDateUnknown(db, dialect),
    },
    '0017_counts_version': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => createCountsVersion(db, dialect),
    },
    '0018_chapter_heads': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => indexChapterHeads(db, dialect),
    },
    '0019_feed_tokens': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => createFeedTokens(db, dialect),
    },
    '0020_creators_version': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => watchCreatorsAndSeries(db, dialect),
    },
    '0021_listing_reads': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => indexListingReads(db, dialect),
    },
    '0022_possible_tags': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => createPossibleTags(db, dialect),
    },
    '0023_series_titles': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => unlockSeriesTitles(db, dialect),
    },
    '0024_work_texts': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => moveTextMatchToWorkTexts(db, dialect),
    },
    '0025_packed_text_matches': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => packTextMatches(db, dialect),
    },
    '0026_text_match_lists': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => sendTextMatchesInLists(db, dialect),
    },
    '0027_ranked_by_head_index': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => rankWordsByHeadIndex(db, dialect),
    },
    '0028_updated_unknown': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => addUpdatedUnknown(db, dialect),
    },
  };
  return { getMigrations: async () => migrations };
}

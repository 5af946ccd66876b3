/**
 * Who a listing is shown to. Listings, counts, facets, feeds, OPDS and search show posted works only: a draft
 * is reached by its creators and a hidden work by admins, by address. A work restricted to members is listed
 * for members only.
 */
export type Audience = 'public' | 'members';

import type { Rating } from './required-tags.ts';

/**
 * What one member asked never to be shown: the works of members they muted, and their exclusion list. Applied
 * inside the query every listing runs (filter index and SQL alike), so totals, facets and pages are counted
 * without these works, never filtered from a finished page.
 */
export interface PersonalExclusions {
  /** Members whose works, under any of their pseuds, are left out. */
  mutedUserIds: number[];
  /** Creator names whose works are left out. */
  creators: string[];
  /** Tags by name (a synonym stands for its canonical tag): works with any of them are left out. */
  tags: string[];
  /** The same tags as the canonical ids works are filtered by (each synonym chain followed to its end). */
  tagIds: number[];
  ratings: Rating[];
}

/** Whether a member's exclusions leave anything out. */
export const excludesAnything = (personal: PersonalExclusions | null): personal is PersonalExclusions =>
  personal !== null &&
  personal.mutedUserIds.length + personal.creators.length + personal.tags.length + personal.ratings.length >
    0;

/**
 * AO3's required tags, the square on every blurb: one rating, the archive warnings and the categories. Each
 * list is the whole vocabulary, in AO3's order.
 */

export const RATINGS = [
  'General Audiences',
  'Teen And Up Audiences',
  'Mature',
  'Explicit',
  'Not Rated',
] as const;
export type Rating = (typeof RATINGS)[number];

export const ARCHIVE_WARNINGS = [
  'Creator Chose Not To Use Archive Warnings',
  'Graphic Depictions Of Violence',
  'Major Character Death',
  'No Archive Warnings Apply',
  'Rape/Non-Con',
  'Underage Sex',
] as const;
export type ArchiveWarning = (typeof ARCHIVE_WARNINGS)[number];

export const CATEGORIES = ['F/F', 'F/M', 'Gen', 'M/M', 'Multi', 'Other'] as const;
export type Category = (typeof CATEGORIES)[number];

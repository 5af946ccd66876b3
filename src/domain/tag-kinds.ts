/** Tag kinds, as AO3 names them: every tag is one of these. */
export const TAG_KINDS = [
  'fandom',
  'rating',
  'warning',
  'category',
  'relationship',
  'character',
  'freeform',
] as const;
export type TagKind = (typeof TAG_KINDS)[number];

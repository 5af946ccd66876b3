import type { Generated } from 'kysely';

/** What one story, author or series of an old archive became in a rescue. */
export interface RescueItemTable {
  id: Generated<number>;
  /** The rescued archive's name (`--name`), so two old archives can live in one Quire. */
  archive: string;
  kind: 'story' | 'author' | 'series';
  old_id: string;
  target_id: number | null;
  status: 'imported' | 'duplicate' | 'skipped';
  reason: string | null;
  content_hash: string;
  rescued_at: string;
}

/** An author of an old archive: the creator name they became and the address the old archive held. */
export interface LegacyCreatorTable {
  id: Generated<number>;
  archive: string;
  old_id: string;
  creator_id: number;
  email: string | null;
  /** When a claim invitation was mailed, so a second run does not mail again. */
  invited_at: string | null;
}

export type LegacyTargetKind = 'work' | 'chapter' | 'creator' | 'tag' | 'series';

/** An old address and what it leads to now. */
export interface LegacyLinkTable {
  id: Generated<number>;
  archive: string;
  old_path: string;
  target_kind: LegacyTargetKind;
  /** The work, creator or series id. */
  target_id: number | null;
  /** A tag's name (tags are addressed by name). */
  target_name: string | null;
  /** A chapter's position in its work. */
  position: number | null;
}

export interface RescueTables {
  rescue_items: RescueItemTable;
  legacy_creators: LegacyCreatorTable;
  legacy_links: LegacyLinkTable;
}

/**
 * Old addresses of rescued archives and where they lead: what the web's redirects and the nginx map ask.
 */
import type { Db } from '../../db/database.ts';
import type { LegacyTargetKind } from '../../db/rescue.tables.ts';
import {
  findLegacyLink,
  listLegacyLinks,
  resolveLegacyTarget,
} from '../../repositories/legacy.repository.ts';

export interface LegacyTarget {
  kind: LegacyTargetKind;
  id: number | null;
  name: string | null;
  position: number | null;
}

/**
 * The page an old eFiction script address leads to. Old links carry parameters in any order and extras
 * (`&textsize=0`, `&index=1`), so the key is built from the ones that name the page.
 */
export async function findEfictionTarget(
  db: Db,
  script: 'viewstory' | 'viewuser' | 'browse' | 'series',
  query: Record<string, string | undefined>,
): Promise<LegacyTarget | null> {
  const keys: string[] = [];
  if (script === 'viewstory' && query.sid) {
    if (query.chapter) keys.push(`viewstory.php?sid=${query.sid}&chapter=${query.chapter}`);
    keys.push(`viewstory.php?sid=${query.sid}`);
  } else if (script === 'viewuser' && query.uid) keys.push(`viewuser.php?uid=${query.uid}`);
  else if (script === 'browse' && query.catid && (query.type ?? 'categories') === 'categories')
    keys.push(`browse.php?type=categories&catid=${query.catid}`);
  else if (script === 'series' && query.seriesid) keys.push(`series.php?seriesid=${query.seriesid}`);
  return resolve(db, keys);
}

/**
 * The page an old story file's path leads to (the Automated Archive's `jane/story1.html`). The old site
 * may have lived in a folder (`/archive/jane/story1.html`), so leading folders are tried off one by one.
 */
export async function findPathTarget(db: Db, path: string): Promise<LegacyTarget | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.split('?')[0] ?? '');
  } catch {
    return null;
  }
  const segments = decoded.split('/').filter(Boolean);
  if (segments.length === 0 || !/\.[a-z0-9]{2,5}$/i.test(decoded)) return null;
  const keys: string[] = [];
  for (let drop = 0; drop < segments.length && drop < 4; drop++) keys.push(segments.slice(drop).join('/'));
  return resolve(db, keys);
}

async function resolve(db: Db, keys: string[]): Promise<LegacyTarget | null> {
  const link = await findLegacyLink(db, keys);
  return link ? resolveLegacyTarget(db, link) : null;
}

/** Every old address with where it leads (for the nginx map), in order. */
export async function listLegacyTargets(
  db: Db,
  archive?: string,
): Promise<{ oldPath: string; target: LegacyTarget }[]> {
  const links = await listLegacyLinks(db, archive);
  const found: { oldPath: string; target: LegacyTarget }[] = [];
  for (const link of links) {
    const target = await resolveLegacyTarget(db, link);
    if (target) found.push({ oldPath: link.old_path, target });
  }
  return found;
}

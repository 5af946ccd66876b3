/**
 * Where an old archive's address leads now, as a path of this site: used by the redirects and by the nginx
 * map `quire rescue links` writes, so both agree.
 */
import type { LegacyTarget } from '../services/rescue/legacy-link.service.ts';
import { chapterPath, creatorPath, tagPath, workPath } from './paths.ts';

/** A series' page (the series pages live at /series/:id). */
export const seriesPath = (id: number): string => `/series/${id}`;

export function legacyTargetPath(target: LegacyTarget): string | null {
  switch (target.kind) {
    case 'work':
      return target.id === null ? null : workPath(target.id);
    case 'chapter':
      return target.id === null ? null : chapterPath(target.id, target.position ?? 1);
    case 'creator':
      return target.name === null ? null : creatorPath(target.name);
    case 'tag':
      return target.name === null ? null : tagPath(target.name);
    case 'series':
      return target.id === null ? null : seriesPath(target.id);
  }
}

import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import {
  findRescueItems,
  findSeriesTitle,
  type LegacyLink,
  saveRescueItem,
  seriesTitleTaken,
} from '../../repositories/legacy.repository.ts';
import { seriesIdByTitle } from '../../repositories/work.repository.ts';
import type { RescueArchive, RescueSeries } from '../../rescue/rescue-archive.ts';

export interface RescuedSeries {
  /** The Quire title of each series the stories are in, by its old id. */
  titles: Map<string, string>;
  /** eFiction's series pages, to be written once the stories are in. */
  links: LegacyLink[];
}

/** The series the stories are in, each made once and recorded, a second run finding it by its record. */
export async function storeRescueSeries(
  db: Db,
  archive: RescueArchive,
  name: string,
  now: () => string,
): Promise<RescuedSeries> {
  const titles = new Map<string, string>();
  const links: LegacyLink[] = [];
  const seriesItems = await findRescueItems(db, name, 'series');
  const usedSeries = new Set(archive.stories.flatMap((story) => story.series.map((entry) => entry.oldId)));
  await inTransaction(db, async (trx) => {
    for (const series of archive.series) {
      if (!usedSeries.has(series.oldId)) continue;
      const known = seriesItems.get(series.oldId);
      const title =
        (known?.target_id ? await findSeriesTitle(trx, known.target_id) : undefined) ||
        (await freeSeriesTitle(trx, archive, series, name));
      const seriesId = await seriesIdByTitle(trx, title);
      titles.set(series.oldId, title);
      if (known?.target_id !== seriesId)
        await saveRescueItem(
          trx,
          name,
          {
            kind: 'series',
            old_id: series.oldId,
            target_id: seriesId,
            status: 'imported',
            reason: null,
            content_hash: title,
          },
          now(),
        );
      if (archive.kind === 'efiction')
        links.push({
          old_path: `series.php?seriesid=${series.oldId}`,
          target_kind: 'series',
          target_id: seriesId,
          target_name: null,
          position: null,
        });
    }
  });
  return { titles, links };
}

/** Titles are unique in Quire, so a second "Drabbles" is told apart by its author. */
async function freeSeriesTitle(
  db: Db,
  archive: RescueArchive,
  series: RescueSeries,
  name: string,
): Promise<string> {
  const by = series.authorIds.map((id) => archive.authors.get(id)?.name).find(Boolean);
  const candidates = [
    series.title,
    `${series.title} (${by ?? name})`,
    `${series.title} (${name} ${series.oldId})`,
  ];
  for (const candidate of candidates) {
    if (!(await seriesTitleTaken(db, candidate))) return candidate;
  }
  return candidates.find((candidate, index) => index === candidates.length - 1 || candidate) as string;
}

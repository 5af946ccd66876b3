import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import {
  findRescueItems,
  findSeriesTitle,
  type LegacyLink,
  saveRescueItem,
} from '../../repositories/legacy.repository.ts';
import { createSeries } from '../../repositories/work.repository.ts';
import type { RescueArchive } from '../../rescue/rescue-archive.ts';

export interface RescuedSeries {
  /** The Quire series each series the stories are in became, by its old id. */
  byOldId: Map<string, { id: number; title: string }>;
  /** eFiction's series pages, to be written once the stories are in. */
  links: LegacyLink[];
}

/**
 * The series the stories are in, each made once under its own title and recorded, a second run finding it
 * by its record. Titles need not be unique: two authors' "Drabbles" are two series, told apart by their
 * authors as on AO3.
 */
export async function storeRescueSeries(
  db: Db,
  archive: RescueArchive,
  name: string,
  now: () => string,
): Promise<RescuedSeries> {
  const byOldId = new Map<string, { id: number; title: string }>();
  const links: LegacyLink[] = [];
  const seriesItems = await findRescueItems(db, name, 'series');
  const usedSeries = new Set(archive.stories.flatMap((story) => story.series.map((entry) => entry.oldId)));
  await inTransaction(db, async (trx) => {
    for (const series of archive.series) {
      if (!usedSeries.has(series.oldId)) continue;
      const known = seriesItems.get(series.oldId)?.target_id;
      const knownTitle = known ? await findSeriesTitle(trx, known) : undefined;
      const title = knownTitle ?? series.title;
      const seriesId = known && knownTitle !== undefined ? known : await createSeries(trx, title);
      byOldId.set(series.oldId, { id: seriesId, title });
      if (known !== seriesId)
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
  return { byOldId, links };
}

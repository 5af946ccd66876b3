import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import {
  findCreatorByName,
  findLegacyCreators,
  insertLegacyCreator,
  type LegacyCreator,
  updateLegacyCreatorEmail,
} from '../../repositories/legacy.repository.ts';
import type { RescueArchive } from '../../rescue/rescue-archive.ts';

export interface RescueCreators {
  /** Every creator this archive's rescues made, by the author's old id. */
  creators: Map<string, LegacyCreator>;
  /** The creator name of each author this run stores works for. */
  names: Map<string, string>;
}

/**
 * The old archive's authors as creators (once: a second run finds them), keeping the address the old archive
 * held. Only the authors in `wanted` (those of the stories to store) are made.
 */
export async function storeRescueCreators(
  db: Db,
  archive: RescueArchive,
  name: string,
  wanted: ReadonlySet<string>,
): Promise<RescueCreators> {
  const creators = await findLegacyCreators(db, name);
  const names = new Map<string, string>();
  await inTransaction(db, async (trx) => {
    for (const oldId of wanted) {
      const author = archive.authors.get(oldId);
      if (!author) continue;
      const known = creators.get(oldId);
      if (known) {
        if (known.email !== author.email) await updateLegacyCreatorEmail(trx, name, oldId, author.email);
        names.set(oldId, known.name);
        continue;
      }
      const creatorName = await freeCreatorName(trx, author.name, name, oldId);
      const creatorId = await insertLegacyCreator(trx, name, { ...author, name: creatorName });
      creators.set(oldId, { oldId, creatorId, name: creatorName, email: author.email, invitedAt: null });
      names.set(oldId, creatorName);
    }
  });
  return { creators, names };
}

/** A creator name for an old author: their pen name unless another creator has it. */
async function freeCreatorName(db: Db, name: string, archive: string, oldId: string): Promise<string> {
  for (const candidate of [name, `${name} (${archive})`, `${name} (${archive} ${oldId})`]) {
    if (!(await findCreatorByName(db, candidate))) return candidate;
  }
  return `${name} (${archive} ${oldId} ${Date.now()})`;
}

/**
 * A rescue's mapping sheet: every original tag string of the old archive with the tag it becomes, kept in a
 * CSV the admin edits between runs. Read, completed and written before anything is stored.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { Knowledge } from '../../analysis/knowledge.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { findWrangledTags } from '../../repositories/legacy.repository.ts';
import { findTag } from '../../repositories/tag.repository.ts';
import {
  buildSheet,
  readSheet,
  type Sheet,
  type SheetRow,
  sheetKey,
  writeSheet,
} from '../../rescue/mapping-sheet.ts';
import type { RescueStory, RescueTagRef } from '../../rescue/rescue-archive.ts';
import { makeSynonym } from '../tag.service.ts';

export interface RescueSheet {
  /** The rows as written, in the sheet's order. */
  rows: SheetRow[];
  /** The same rows by original string, for mapping the stories' tags. */
  sheet: Sheet;
}

/**
 * The sheet for this run: the previous run's choices kept, new strings suggested, strings wrangled in the
 * archive since taken as the wrangler mapped them. Written before anything is stored, so even a stopped first
 * run leaves it to edit; a sheet edited since makes its choices synonyms in the archive.
 */
export async function prepareRescueSheet(
  db: Db,
  stories: readonly RescueStory[],
  sheetPath: string,
  knowledge: Knowledge,
): Promise<RescueSheet> {
  const previousSheet = await loadSheet(sheetPath);
  const rows = buildSheet(tagRefs(stories), previousSheet, knowledge);
  await takeWrangledTags(db, rows);
  await writeFile(sheetPath, writeSheet(rows));
  const sheet: Sheet = {
    rows: new Map(rows.map((row) => [sheetKey(row), row])),
    problems: previousSheet?.problems ?? [],
  };
  if (previousSheet) await inTransaction(db, (trx) => applySheetSynonyms(trx, sheet));
  return { rows, sheet };
}

async function loadSheet(path: string): Promise<Sheet | null> {
  if (!existsSync(path)) return null;
  return readSheet(await readFile(path, 'utf8'));
}

/** Every original string the stories carry, once per story, and each rating. */
function* tagRefs(stories: readonly RescueStory[]): Generator<RescueTagRef> {
  for (const story of stories) {
    const seen = new Set<string>();
    const refs = story.rating ? [{ source: 'rating', original: story.rating }, ...story.tags] : story.tags;
    for (const ref of refs) {
      const key = sheetKey(ref);
      if (seen.has(key)) continue;
      seen.add(key);
      yield ref;
    }
  }
}

/**
 * A string wrangled in the archive since (the wrangling page, `quire tags map`) and left empty in the sheet
 * takes the wrangler's choice, so the sheet and the archive agree.
 */
async function takeWrangledTags(db: Db, rows: SheetRow[]): Promise<void> {
  const wrangled = await findWrangledTags(
    db,
    rows.filter((row) => !row.tag).map((row) => row.original),
  );
  for (const row of rows) {
    const choice = row.tag ? undefined : wrangled.get(row.original);
    if (choice && row.source !== 'rating') {
      row.kind = choice.kind;
      row.tag = choice.name;
    }
  }
}

/**
 * The sheet's choices made synonyms in the archive, as the wrangling page would: a string mapped on an
 * earlier run to one tag and now to another leads to the new one on every work that carries it.
 */
async function applySheetSynonyms(db: Db, sheet: Sheet): Promise<void> {
  for (const row of sheet.rows.values()) {
    if (!row.kind || !row.tag || row.tag === row.original || row.kind === 'rating') continue;
    const existing = await findTag(db, row.kind, row.original);
    if (!existing || existing.canonical) continue;
    const target = await findTag(db, row.kind, row.tag);
    if (target && existing.synonym_of === target.id) continue;
    await makeSynonym(db, row.original, row.tag, row.kind);
  }
}

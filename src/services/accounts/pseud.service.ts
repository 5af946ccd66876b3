import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { inTransaction, isUniqueViolation } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { parseInput } from '../../validate.ts';
import { PseudName } from './account.schema.ts';

export interface Pseud {
  id: number;
  name: string;
  isDefault: boolean;
  /** The creator row works name: every pseud has one. */
  creatorId: number;
}

/**
 * A new pseud for a member, with the creator row its works will name. A name that came with imported works
 * is not taken over here: a member claims it (claim.service.ts) and an admin or a mailed invitation agrees.
 */
export async function createPseud(
  db: Db,
  userId: number,
  name: string,
  options: { isDefault?: boolean; now?: Date } = {},
): Promise<Pseud> {
  const clean = parseInput(PseudName, name.trim());
  return inTransaction(db, async (trx) => {
    const creator = await trx
      .selectFrom('creators')
      .select(['id', 'pseud_id'])
      .where(sql`lower(name)`, '=', clean.toLowerCase())
      .executeTakeFirst();
    if (creator) {
      throw new AppError(
        'NAME_TAKEN',
        creator.pseud_id === null
          ? `"${clean}" is the name of imported works. Pick another name, or claim that one from its creator page.`
          : `The name "${clean}" is already used by another member.`,
      );
    }
    try {
      const pseud = await trx
        .insertInto('pseuds')
        .values({
          user_id: userId,
          name: clean,
          is_default: options.isDefault ? 1 : 0,
          created_at: (options.now ?? new Date()).toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const created = await trx
        .insertInto('creators')
        .values({ name: clean, pseud_id: pseud.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: pseud.id, name: clean, isDefault: options.isDefault ?? false, creatorId: created.id };
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('NAME_TAKEN', `The name "${clean}" is already used.`);
      throw error;
    }
  });
}

/** A member's pseuds, the default first. */
export async function listPseuds(db: Db, userId: number): Promise<Pseud[]> {
  const rows = await db
    .selectFrom('pseuds')
    .innerJoin('creators', 'creators.pseud_id', 'pseuds.id')
    .select(['pseuds.id', 'pseuds.name', 'pseuds.is_default', 'creators.id as creator_id'])
    .where('pseuds.user_id', '=', userId)
    .orderBy('pseuds.is_default', 'desc')
    .orderBy('pseuds.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    isDefault: Boolean(row.is_default),
    creatorId: row.creator_id,
  }));
}

/** The member who writes as a creator name, if any. */
export async function findCreatorOwner(db: Db, creatorId: number): Promise<number | null> {
  const row = await db
    .selectFrom('creators')
    .innerJoin('pseuds', 'pseuds.id', 'creators.pseud_id')
    .select('pseuds.user_id')
    .where('creators.id', '=', creatorId)
    .executeTakeFirst();
  return row?.user_id ?? null;
}

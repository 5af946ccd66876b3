import { Type } from '@sinclair/typebox';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { deleteMemberKudos } from '../../repositories/community/kudos.repository.ts';
import { deleteWork } from '../../repositories/work.repository.ts';
import type { SearchProvider } from '../../search/search-provider.ts';
import { parseInput } from '../../validate.ts';
import { confirmPassword } from './account.service.ts';
import { ORPHAN_NAME } from './policy.ts';

export const DeleteAccountInput = Type.Object({
  password: Type.String({ minLength: 1, maxLength: 256, errorMessage: 'enter your password' }),
  /**
   * `orphan`: the works stay, under `orphan_account`, or under the member's names when `keepNames`, then
   * no longer tied to any account; `delete`: works only this member wrote are deleted, and the member is
   * taken off works written with others. Drafts are deleted either way.
   */
  works: Type.Union([Type.Literal('orphan'), Type.Literal('delete')], {
    errorMessage: 'choose to orphan or to delete your works',
  }),
  keepNames: Type.Optional(Type.Boolean()),
});

export interface DeletedAccount {
  deletedWorks: number;
  orphanedWorks: number;
}

/** Delete a member's account, after their password, doing with their works what they chose. */
export async function deleteAccount(
  db: Db,
  search: SearchProvider,
  userId: number,
  input: unknown,
): Promise<DeletedAccount> {
  const { password, works, keepNames } = parseInput(DeleteAccountInput, input);
  await confirmPassword(db, userId, password);
  return inTransaction(db, async (trx) => {
    const creatorIds = (
      await trx
        .selectFrom('creators')
        .innerJoin('pseuds', 'pseuds.id', 'creators.pseud_id')
        .select('creators.id')
        .where('pseuds.user_id', '=', userId)
        .execute()
    ).map((row) => row.id);
    const owned =
      creatorIds.length === 0
        ? []
        : await trx
            .selectFrom('work_creators')
            .innerJoin('works', 'works.id', 'work_creators.work_id')
            .select(['works.id', 'works.status'])
            .where('work_creators.creator_id', 'in', creatorIds)
            .distinct()
            .execute();
    let deletedWorks = 0;
    let orphanedWorks = 0;
    for (const work of owned) {
      const others = await trx
        .selectFrom('work_creators')
        .select('creator_id')
        .where('work_id', '=', work.id)
        .where('creator_id', 'not in', creatorIds)
        .execute();
      if (work.status === 'draft' || (works === 'delete' && others.length === 0)) {
        await deleteWork(trx, search, work.id);
        deletedWorks++;
      } else if (works === 'delete' || (!keepNames && others.length > 0)) {
        // Written with others: the member's name comes off and the others keep the work.
        await trx
          .deleteFrom('work_creators')
          .where('work_id', '=', work.id)
          .where('creator_id', 'in', creatorIds)
          .execute();
        if (works === 'orphan') orphanedWorks++;
      } else if (!keepNames) {
        const orphan = await ensureOrphanCreator(trx);
        await trx
          .updateTable('work_creators')
          .set({ creator_id: orphan })
          .where('work_id', '=', work.id)
          .where('creator_id', 'in', creatorIds)
          .execute();
        await trx.updateTable('works').set({ creator_sort: ORPHAN_NAME }).where('id', '=', work.id).execute();
        orphanedWorks++;
      } else {
        orphanedWorks++;
      }
    }
    if (creatorIds.length > 0) {
      if (keepNames && works === 'orphan') {
        // The names stay on the works, tied to no account: like names that came with an import.
        await trx.updateTable('creators').set({ pseud_id: null }).where('id', 'in', creatorIds).execute();
      } else {
        await trx.deleteFrom('work_creators').where('creator_id', 'in', creatorIds).execute();
        await trx.deleteFrom('creator_claims').where('creator_id', 'in', creatorIds).execute();
        await trx.deleteFrom('creators').where('id', 'in', creatorIds).execute();
      }
    }
    // What the reader features (kudos, bookmarks) kept of the member goes; comments stay, unsigned.
    await deleteMemberKudos(trx, userId);
    await trx.deleteFrom('bookmarks').where('user_id', '=', userId).execute();
    await trx
      .updateTable('comments')
      .set({ user_id: null, pseud_id: null })
      .where('user_id', '=', userId)
      .execute();
    // Sessions, tokens, pseuds, access tokens and claims go with the row (ON DELETE CASCADE).
    await trx.deleteFrom('users').where('id', '=', userId).execute();
    return { deletedWorks, orphanedWorks };
  });
}

async function ensureOrphanCreator(db: Db): Promise<number> {
  await db
    .insertInto('creators')
    .values({ name: ORPHAN_NAME, pseud_id: null })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('creators')
    .select('id')
    .where('name', '=', ORPHAN_NAME)
    .executeTakeFirstOrThrow();
  return row.id;
}

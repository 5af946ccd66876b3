/** Members and works for tests that need readers: accounts signed up as the site does, works by title. */

import { signUp } from '../src/services/accounts/account.service.ts';
import type { Member } from '../src/services/accounts/actor.ts';
import type { TestStore } from './stores.ts';

/** Sign up members by name (email NAME@example.org, password "correct horse"), in order. */
export async function signUpMembers(db: TestStore, ...names: string[]): Promise<Member[]> {
  const members: Member[] = [];
  for (const username of names)
    members.push(
      await signUp(db.store.db, { username, email: `${username}@example.org`, password: 'correct horse' }),
    );
  return members;
}

/** Every work's id by its title. */
export async function workIdsByTitle(db: TestStore): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const row of await db.store.db.selectFrom('works').select(['id', 'title']).execute())
    ids[row.title ?? ''] = row.id;
  return ids;
}

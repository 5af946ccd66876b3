import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { loadBlurbs } from '../../repositories/work-view.ts';
import { signUp } from '../accounts/account.service.ts';
import type { Member } from '../accounts/actor.ts';
import { decideClaim, requestClaim } from '../accounts/claim.service.ts';
import { editChapter } from './chapter.service.ts';
import { StoryReader } from './story-reader.ts';
import { addSuggestion, dismissSuggestion, suggestForWork } from './suggestion.service.ts';
import { createWork } from './work-posting.service.ts';
import { loadWorkFields } from './work-store.repository.ts';

const reader = new StoryReader();
const STORY =
  "Tara died in Willow's arms. Willow held Tara's body until dark. At the funeral Willow could not speak; Tara was buried under the oak. Buffy stood with Willow.";

describe.each(DIALECTS)('suggestions to the author on %s', (dialect) => {
  let db: TestStore;
  let willow: Member;
  let tara: Member;
  let workId: number;

  beforeAll(async () => {
    db = await openTestStore(dialect);
    willow = await signUp(db.store.db, {
      username: 'willow',
      email: 'w@example.org',
      password: 'correct horse',
    });
    tara = await signUp(db.store.db, { username: 'tara', email: 't@example.org', password: 'correct horse' });
    workId = await createWork(db.store.db, db.search, willow, {
      title: 'Oak',
      fandoms: ['Buffy the Vampire Slayer'],
      rating: 'General Audiences',
      warnings: ['No Archive Warnings Apply'],
      chapters: [{ body: STORY, format: 'text' }],
      draft: true,
    });
  });
  afterAll(async () => db?.cleanup());

  it('offers a missing warning and untagged characters with their passages, to the creators only', async () => {
    const suggestions = await suggestForWork(db.store.db, reader, willow, workId);
    const death = suggestions.find((item) => item.value === 'Major Character Death');
    expect(death).toMatchObject({
      kind: 'warning',
      message: 'This work may need the warning Major Character Death.',
    });
    expect(death?.evidence.some((evidence) => evidence.source === 'text')).toBe(true);
    expect(suggestions).toContainEqual(
      expect.objectContaining({ kind: 'character', value: 'Willow Rosenberg' }),
    );
    await expect(suggestForWork(db.store.db, reader, tara, workId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('adds what the author accepts and forgets what they dismiss, until the text changes', async () => {
    await addSuggestion(db.store.db, db.search, willow, workId, {
      kind: 'warning',
      value: 'Major Character Death',
    });
    expect((await loadWorkFields(db.store.db, workId))?.warnings).toEqual(['Major Character Death']);
    await dismissSuggestion(db.store.db, willow, workId, { kind: 'character', value: 'Willow Rosenberg' });
    await expect(
      dismissSuggestion(db.store.db, willow, workId, { kind: 'mood', value: 'x' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: /^kind: / });
    const after = await suggestForWork(db.store.db, reader, willow, workId);
    expect(after.map((item) => item.value)).not.toContain('Major Character Death');
    expect(after.map((item) => item.value)).not.toContain('Willow Rosenberg');
    await editChapter(db.store.db, db.search, willow, workId, 1, {
      body: `${STORY} Willow wept.`,
      format: 'text',
    });
    expect((await suggestForWork(db.store.db, reader, willow, workId)).map((item) => item.value)).toContain(
      'Willow Rosenberg',
    );
  });

  it('offers an imported work’s inferred warning to the member who claimed it; dismissed, it is no longer shown', async () => {
    const giles = await signUp(db.store.db, {
      username: 'giles',
      email: 'g@example.org',
      password: 'correct horse',
    });
    const admin: Member = { ...giles, role: 'admin' };
    await insertStories(db, [
      `Title: Fallen Oak\nAuthor: oakleaf\nFandom: Buffy the Vampire Slayer\n\n${STORY} Dawn cried.`,
    ]);
    const imported = await db.store.db
      .selectFrom('works')
      .select('id')
      .where('title', '=', 'Fallen Oak')
      .executeTakeFirstOrThrow();
    const warningsShown = async () =>
      (await loadBlurbs(db.store.db, [imported.id]))[0]?.tags
        .filter((tag) => tag.kind === 'warning')
        .map((tag) => `${tag.name} (${tag.source})`);
    expect(await warningsShown()).toContain('Major Character Death (inferred)');
    const claim = await requestClaim(db.store.db, tara, 'oakleaf');
    await decideClaim(db.store.db, admin, claim, true);
    const offered = await suggestForWork(db.store.db, reader, tara, imported.id);
    expect(offered).toContainEqual(
      expect.objectContaining({ kind: 'warning', value: 'Major Character Death' }),
    );
    await dismissSuggestion(db.store.db, tara, imported.id, {
      kind: 'warning',
      value: 'Major Character Death',
    });
    expect(await warningsShown()).not.toContain('Major Character Death (inferred)');
    expect(
      (await suggestForWork(db.store.db, reader, tara, imported.id)).map((item) => item.value),
    ).not.toContain('Major Character Death');
  });
});

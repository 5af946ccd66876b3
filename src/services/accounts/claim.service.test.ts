import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { editWork } from '../posting/work-posting.service.ts';
import { loadWorkAccess, loadWorkFields } from '../posting/work-store.repository.ts';
import { signUp } from './account.service.ts';
import type { Member } from './actor.ts';
import { createApiToken, findApiTokenMember, listApiTokens, revokeApiToken } from './api-token.service.ts';
import {
  acceptClaimInvitation,
  decideClaim,
  inviteClaim,
  listPendingClaims,
  requestClaim,
} from './claim.service.ts';
import { listOutbox, outboxMailer } from './mailer.ts';
import { listPseuds } from './pseud.service.ts';

describe.each(DIALECTS)('claims and access tokens on %s', (dialect) => {
  let db: TestStore;
  let willow: Member;
  let tara: Member;
  let admin: Member;
  const workBy = async (creator: string) => {
    const row = await db.store.db
      .selectFrom('work_creators')
      .innerJoin('creators', 'creators.id', 'work_creators.creator_id')
      .select('work_creators.work_id')
      .where('creators.name', '=', creator)
      .executeTakeFirstOrThrow();
    return row.work_id;
  };

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [
      'Title: Old One\nAuthor: dawnlark\nFandom: Firefly\n\nMal sat alone on the bridge.',
      'Title: Old Two\nAuthor: amber\nFandom: Firefly\n\nKaylee fixed the engine again.',
    ]);
    const member = (username: string, role?: 'admin') =>
      signUp(
        db.store.db,
        { username, email: `${username}@example.org`, password: 'correct horse' },
        { role },
      );
    willow = await member('willow');
    tara = await member('tara');
    admin = await member('giles', 'admin');
  });
  afterAll(async () => db?.cleanup());

  it('makes an imported name a member’s once an admin approves their claim', async () => {
    await expect(requestClaim(db.store.db, null, 'dawnlark')).rejects.toMatchObject({
      code: 'NOT_LOGGED_IN',
    });
    await expect(requestClaim(db.store.db, willow, 'nobody')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(requestClaim(db.store.db, willow, 'dawnlark', 'x'.repeat(2001))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const id = await requestClaim(db.store.db, willow, 'dawnlark', 'I wrote this in 2003.');
    expect(await requestClaim(db.store.db, willow, 'dawnlark')).toBe(id);
    const other = await requestClaim(db.store.db, tara, 'dawnlark');
    await expect(listPendingClaims(db.store.db, willow)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await listPendingClaims(db.store.db, admin)).toMatchObject([
      { id, creatorName: 'dawnlark', claimant: 'willow', message: 'I wrote this in 2003.' },
      { id: other, claimant: 'tara' },
    ]);
    await expect(decideClaim(db.store.db, willow, id, true)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await decideClaim(db.store.db, admin, id, true);
    expect(await listPendingClaims(db.store.db, admin)).toEqual([]);
    await expect(decideClaim(db.store.db, admin, other, true)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(requestClaim(db.store.db, tara, 'dawnlark')).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const workId = await workBy('dawnlark');
    expect((await loadWorkAccess(db.store.db, workId))?.creatorUserIds).toEqual([willow.userId]);
    expect((await listPseuds(db.store.db, willow.userId)).map((pseud) => pseud.name)).toEqual([
      'willow',
      'dawnlark',
    ]);
    const fields = await loadWorkFields(db.store.db, workId);
    await editWork(db.store.db, db.search, willow, workId, { ...fields, title: 'Old One, revised' });
    await expect(editWork(db.store.db, db.search, tara, workId, fields)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('gives a name to whoever opens a mailed invitation, once', async () => {
    await expect(
      inviteClaim(db.store.db, outboxMailer, willow, 'amber', 'amber@example.org', {
        baseUrl: 'https://fic.example',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      inviteClaim(db.store.db, outboxMailer, admin, 'amber', 'not an address', {
        baseUrl: 'https://fic.example',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await inviteClaim(db.store.db, outboxMailer, admin, 'amber', 'amber@example.org', {
      baseUrl: 'https://fic.example',
    });
    const mail = (await listOutbox(db.store.db)).at(-1);
    expect(mail).toMatchObject({
      recipient: 'amber@example.org',
      subject: 'Your stories as amber are on Quire',
    });
    const token = decodeURIComponent(/token=(\S+)/.exec(mail?.body ?? '')?.[1] ?? '');
    await expect(acceptClaimInvitation(db.store.db, null, token)).rejects.toMatchObject({
      code: 'NOT_LOGGED_IN',
    });
    await expect(acceptClaimInvitation(db.store.db, tara, 'made-up')).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
    });
    expect(await acceptClaimInvitation(db.store.db, tara, token)).toBe('amber');
    await expect(acceptClaimInvitation(db.store.db, tara, token)).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
    });
    expect((await loadWorkAccess(db.store.db, await workBy('amber')))?.creatorUserIds).toEqual([tara.userId]);
  });

  it('makes, finds, lists and revokes personal access tokens', async () => {
    await expect(createApiToken(db.store.db, willow.userId, '  ')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const { token, secret } = await createApiToken(db.store.db, willow.userId, 'my e-reader');
    expect(secret).toMatch(/^quire_pat_/);
    expect((await findApiTokenMember(db.store.db, secret))?.name).toBe('willow');
    expect(await findApiTokenMember(db.store.db, `${secret}x`)).toBeNull();
    expect(await findApiTokenMember(db.store.db, 'not a token')).toBeNull();
    expect(await listApiTokens(db.store.db, willow.userId)).toMatchObject([
      { id: token.id, name: 'my e-reader' },
    ]);
    await expect(revokeApiToken(db.store.db, tara.userId, token.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await revokeApiToken(db.store.db, willow.userId, token.id);
    expect(await findApiTokenMember(db.store.db, secret)).toBeNull();
  });
});

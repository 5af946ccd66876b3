import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import {
  changePassword,
  confirmEmailChange,
  logIn,
  requestEmailChange,
  requestPasswordReset,
  resetPassword,
  signUp,
} from './account.service.ts';
import { listOutbox, outboxMailer } from './mailer.ts';
import { createPseud, listPseuds } from './pseud.service.ts';
import { endSession, findSessionMember } from './session.service.ts';

const BASE = 'https://fic.example';
/** The token in the last mailed link. */
async function lastMailedToken(db: TestStore): Promise<string> {
  const mail = (await listOutbox(db.store.db)).at(-1);
  const match = /token=([^\s&]+)/.exec(mail?.body ?? '');
  if (!match?.[1]) throw new Error(`no token in the last mail: ${mail?.body}`);
  return decodeURIComponent(match[1]);
}

describe.each(DIALECTS)('accounts on %s', (dialect) => {
  let db: TestStore;
  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [
      'Title: Old Story\nAuthor: dawnlark\nFandom: Firefly\n\nMal watched Inara leave.',
    ]);
  });
  afterAll(async () => db?.cleanup());

  it('signs a member up with a default pseud, and refuses taken names and addresses whatever their case', async () => {
    const member = await signUp(db.store.db, {
      username: 'Willow_R',
      email: 'willow@example.org',
      password: 'correct horse',
    });
    expect(member).toMatchObject({ name: 'Willow_R', role: 'member', suspended: false });
    expect(await listPseuds(db.store.db, member.userId)).toMatchObject([
      { name: 'Willow_R', isDefault: true },
    ]);
    await expect(
      signUp(db.store.db, { username: 'willow_r', email: 'other@example.org', password: 'correct horse' }),
    ).rejects.toMatchObject({ code: 'NAME_TAKEN' });
    await expect(
      signUp(db.store.db, { username: 'other', email: 'WILLOW@example.org', password: 'correct horse' }),
    ).rejects.toMatchObject({ code: 'NAME_TAKEN', message: /already uses/ });
    // A name that came with imported works is claimed, not taken by signing up.
    await expect(
      signUp(db.store.db, { username: 'DawnLark', email: 'dawn@example.org', password: 'correct horse' }),
    ).rejects.toThrow(/is the name of imported works/);
    expect(await findSessionMember(db.store.db, 'nothing')).toBeNull();
  });

  it('names the field a bad sign-up got wrong and stores nothing', async () => {
    const bad = [
      [{ username: 'a b', email: 'x@example.org', password: 'correct horse' }, /^username: /],
      [{ username: 'xy', email: 'x@example.org', password: 'correct horse' }, /^username: /],
      [{ username: 'xander', email: 'not an address', password: 'correct horse' }, /^email: /],
      [{ username: 'xander', email: 'x@example.org', password: 'short' }, /^password: /],
      [{ username: 'xander', email: 'x@example.org', password: 'p'.repeat(257) }, /^password: /],
      [{ username: 'xander', email: 'x@example.org' }, /^password: /],
      [null, /^input: /],
      [{ username: '<script>', email: 'x@example.org', password: 'correct horse' }, /^username: /],
    ] as const;
    for (const [input, message] of bad) {
      await expect(signUp(db.store.db, input)).rejects.toMatchObject({ code: 'INVALID_INPUT', message });
    }
    await expect(logIn(db.store.db, { login: 'xander', password: 'correct horse' })).rejects.toMatchObject({
      code: 'LOGIN_FAILED',
    });
  });

  it('logs in by username or email with the same answer for an unknown name and a wrong password', async () => {
    const byName = await logIn(db.store.db, { login: 'willow_r', password: 'correct horse' });
    expect(byName.member.name).toBe('Willow_R');
    const byEmail = await logIn(db.store.db, { login: 'Willow@Example.org', password: 'correct horse' });
    expect(byEmail.member.userId).toBe(byName.member.userId);
    const unknown = await logIn(db.store.db, { login: 'nobody', password: 'correct horse' }).catch((e) => e);
    const wrong = await logIn(db.store.db, { login: 'willow_r', password: 'wrong horse' }).catch((e) => e);
    expect(unknown.code).toBe('LOGIN_FAILED');
    expect(wrong.code).toBe('LOGIN_FAILED');
    expect(unknown.message).toBe(wrong.message);
  });

  it('gives a new session id at log in and ends the one the browser came with', async () => {
    const first = await logIn(db.store.db, { login: 'willow_r', password: 'correct horse' });
    const second = await logIn(
      db.store.db,
      {
        login: 'willow_r',
        password: 'correct horse',
      },
      { replacing: first.session.secret },
    );
    expect(second.session.secret).not.toBe(first.session.secret);
    expect(await findSessionMember(db.store.db, first.session.secret)).toBeNull();
    expect((await findSessionMember(db.store.db, second.session.secret))?.name).toBe('Willow_R');
    await endSession(db.store.db, second.session.secret);
    expect(await findSessionMember(db.store.db, second.session.secret)).toBeNull();
    // An expired session opens nothing.
    const old = await logIn(
      db.store.db,
      { login: 'willow_r', password: 'correct horse' },
      { now: new Date('2020-01-01') },
    );
    expect(await findSessionMember(db.store.db, old.session.secret)).toBeNull();
  });

  it('ends the other sessions when the password changes', async () => {
    const here = await logIn(db.store.db, { login: 'willow_r', password: 'correct horse' });
    const elsewhere = await logIn(db.store.db, { login: 'willow_r', password: 'correct horse' });
    const { userId } = here.member;
    await expect(
      changePassword(db.store.db, userId, { currentPassword: 'wrong', newPassword: 'battery staple' }),
    ).rejects.toThrow(/currentPassword: the password is not right/);
    await changePassword(
      db.store.db,
      userId,
      { currentPassword: 'correct horse', newPassword: 'battery staple' },
      { currentSession: here.session.secret },
    );
    expect(await findSessionMember(db.store.db, here.session.secret)).not.toBeNull();
    expect(await findSessionMember(db.store.db, elsewhere.session.secret)).toBeNull();
    await expect(logIn(db.store.db, { login: 'willow_r', password: 'correct horse' })).rejects.toThrow();
    await logIn(db.store.db, { login: 'willow_r', password: 'battery staple' });
  });

  it('resets a forgotten password by a mailed link that works once and expires', async () => {
    await requestPasswordReset(db.store.db, outboxMailer, 'nobody@example.org', { baseUrl: BASE });
    const before = (await listOutbox(db.store.db)).length;
    await requestPasswordReset(db.store.db, outboxMailer, 'willow@example.org', { baseUrl: BASE });
    const mails = await listOutbox(db.store.db);
    expect(mails.length).toBe(before + 1);
    expect(mails.at(-1)).toMatchObject({ recipient: 'willow@example.org', subject: /Reset/ });
    expect(mails.at(-1)?.body).toContain(`${BASE}/account/reset?token=`);
    const token = await lastMailedToken(db);
    const session = await logIn(db.store.db, { login: 'willow_r', password: 'battery staple' });
    await expect(resetPassword(db.store.db, { token, newPassword: 'x' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await resetPassword(db.store.db, { token, newPassword: 'new password one' });
    expect(await findSessionMember(db.store.db, session.session.secret)).toBeNull();
    await expect(
      resetPassword(db.store.db, { token, newPassword: 'new password two' }),
    ).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
    });
    await logIn(db.store.db, { login: 'willow_r', password: 'new password one' });

    await requestPasswordReset(db.store.db, outboxMailer, 'willow_r', {
      baseUrl: BASE,
      now: new Date('2020-01-01'),
    });
    const expired = await lastMailedToken(db);
    await expect(
      resetPassword(db.store.db, { token: expired, newPassword: 'new password two' }),
    ).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
    });
    await expect(
      resetPassword(db.store.db, { token: 'made-up', newPassword: 'new password two' }),
    ).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
    });
  });

  it('changes the email address once the new address confirms it', async () => {
    const { member } = await logIn(db.store.db, { login: 'willow_r', password: 'new password one' });
    await signUp(db.store.db, { username: 'tara', email: 'tara@example.org', password: 'correct horse' });
    await expect(
      requestEmailChange(
        db.store.db,
        outboxMailer,
        member.userId,
        { password: 'new password one', newEmail: 'tara@example.org' },
        { baseUrl: BASE },
      ),
    ).rejects.toMatchObject({ code: 'NAME_TAKEN' });
    await expect(
      requestEmailChange(
        db.store.db,
        outboxMailer,
        member.userId,
        { password: 'wrong', newEmail: 'w@example.org' },
        { baseUrl: BASE },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await requestEmailChange(
      db.store.db,
      outboxMailer,
      member.userId,
      { password: 'new password one', newEmail: 'w@example.org' },
      { baseUrl: BASE },
    );
    expect((await listOutbox(db.store.db)).at(-1)?.recipient).toBe('w@example.org');
    const token = await lastMailedToken(db);
    // Not changed until confirmed.
    await logIn(db.store.db, { login: 'willow@example.org', password: 'new password one' });
    expect(await confirmEmailChange(db.store.db, token)).toBe('w@example.org');
    await logIn(db.store.db, { login: 'w@example.org', password: 'new password one' });
    await expect(confirmEmailChange(db.store.db, token)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('adds pseuds, refusing names in use', async () => {
    const { member } = await logIn(db.store.db, { login: 'tara', password: 'correct horse' });
    await createPseud(db.store.db, member.userId, 'Tara M');
    await expect(createPseud(db.store.db, member.userId, 'willow_r')).rejects.toMatchObject({
      code: 'NAME_TAKEN',
    });
    await expect(createPseud(db.store.db, member.userId, 'tara m')).rejects.toMatchObject({
      code: 'NAME_TAKEN',
    });
    await expect(createPseud(db.store.db, member.userId, '')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect((await listPseuds(db.store.db, member.userId)).map((pseud) => pseud.name)).toEqual([
      'tara',
      'Tara M',
    ]);
  });
});

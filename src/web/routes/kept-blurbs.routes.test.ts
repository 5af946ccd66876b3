import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireflyWork } from '../../../test/helpers.ts';
import { signUpMembers } from '../../../test/members.ts';
import { DIALECTS, openTestStore, type TestStore } from '../../../test/stores.ts';
import { setRole } from '../../services/accounts/account.service.ts';
import type { Member } from '../../services/accounts/actor.ts';
import { startSession } from '../../services/accounts/session.service.ts';
import { leaveKudos } from '../../services/community/kudos.service.ts';
import { setMemberRelation } from '../../services/community/member-filter.service.ts';
import { createWork, editWork, setWorkHidden } from '../../services/posting/work-posting.service.ts';
import { loadWorkFields } from '../../services/posting/work-store.repository.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';
import { SESSION_COOKIE } from '../auth.ts';
import { PageCache } from '../page-cache.ts';
import { DEFAULT_SETTINGS, SETTINGS_COOKIE, writeSettings } from '../reader-settings.ts';
import { KeptBlurbs } from '../views/kept-blurbs.tsx';

/**
 * Listings put kept blurbs into their pages (views/kept-blurbs.tsx): whatever changed a work since its blurb
 * was kept, and whoever looks, the listing shows the work as it is now, to this viewer.
 */
describe.each(DIALECTS)('kept blurbs in listings, on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  let kept: KeptBlurbs;
  let willow: Member;
  let tara: Member;
  let giles: Member;
  const sessions: Record<string, string> = {};
  let teaId: number;

  const get = (url: string, who?: string, cookies: Record<string, string> = {}) =>
    app.inject({
      method: 'GET',
      url,
      cookies: { ...cookies, ...(who ? { [SESSION_COOKIE]: sessions[who] as string } : {}) },
    });
  /** The listing's blurb of the work titled `title` (or starting so), as text; null when it is not listed. */
  const blurbOf = async (url: string, title: string, who?: string, cookies?: Record<string, string>) => {
    const $ = load((await get(url, who, cookies)).body);
    const found = $('li.blurb').filter((_, li) => $(li).find('h3 a').first().text().startsWith(title));
    return found.length === 0 ? null : found.first().text();
  };

  beforeAll(async () => {
    db = await openTestStore(dialect);
    const members = await signUpMembers(db, 'willow', 'tara', 'giles');
    for (const member of members)
      sessions[member.name] = (await startSession(db.store.db, member.userId)).secret;
    [willow, tara] = members as [Member, Member];
    giles = await setRole(db.store.db, 'giles', 'admin');
    teaId = await createWork(
      db.store.db,
      db.search,
      willow,
      fireflyWork('Tea on Serenity', { warnings: ['Graphic Depictions Of Violence'] }),
    );
    await createWork(db.store.db, db.search, tara, fireflyWork('Engine Trouble'));
    kept = new KeptBlurbs();
    app = await buildApp({
      store: db.store,
      search: db.search,
      pageCache: new PageCache({ keepAfter: 1, staleMs: 0 }),
      hits: { countEveryMs: 0 },
      keptBlurbs: kept,
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('shows an edited work as edited, on the index and its tag page', async () => {
    for (const url of ['/works', '/tags/Firefly/works', '/works?sort=title']) {
      expect(await blurbOf(url, 'Tea on Serenity')).toContain('Tea on Serenity');
      expect(await blurbOf(url, 'Tea on Serenity')).toContain('Tea on Serenity');
    }
    expect(kept.stats.hits).toBeGreaterThan(0);
    const fields = await loadWorkFields(db.store.db, teaId);
    await editWork(db.store.db, db.search, willow, teaId, {
      ...fields,
      title: 'Tea on Serenity, Revised',
      summary: 'Now with biscuits.',
    });
    for (const url of ['/works', '/tags/Firefly/works', '/works?sort=title']) {
      const blurb = await blurbOf(url, 'Tea on Serenity');
      expect(blurb).toContain('Tea on Serenity, Revised');
      expect(blurb).toContain('Now with biscuits.');
    }
  });

  it('shows a new kudos count', async () => {
    const kudos = (blurb: string | null) => blurb?.match(/Kudos:\s*(\d+)/)?.[1];
    expect(kudos(await blurbOf('/works', 'Tea on Serenity'))).toBe('0');
    expect(kudos(await blurbOf('/works', 'Tea on Serenity'))).toBe('0');
    expect(await leaveKudos(db.store.db, tara, teaId, undefined)).toBe(true);
    expect(kudos(await blurbOf('/works', 'Tea on Serenity'))).toBe('1');
    expect(kudos(await blurbOf('/tags/Firefly/works', 'Tea on Serenity'))).toBe('1');
  });

  it('lists a hidden work nowhere, and as it was once shown again', async () => {
    const before = await blurbOf('/works', 'Tea on Serenity');
    expect(before).not.toBeNull();
    await setWorkHidden(db.store.db, giles, teaId, true);
    for (const who of [undefined, 'tara'])
      for (const url of ['/works', '/tags/Firefly/works', '/'])
        expect(await blurbOf(url, 'Tea on Serenity', who)).toBeNull();
    await setWorkHidden(db.store.db, giles, teaId, false);
    expect(await blurbOf('/works', 'Tea on Serenity')).toBe(before);
  });

  it('leaves a muted member’s works out for the member who muted them, and shows each viewer their settings', async () => {
    expect(await blurbOf('/works', 'Tea on Serenity', 'tara')).not.toBeNull();
    await setMemberRelation(db.store.db, tara, 'mute', willow.userId, true);
    for (const url of ['/works', '/tags/Firefly/works', '/']) {
      expect(await blurbOf(url, 'Tea on Serenity', 'tara')).toBeNull();
      expect(await blurbOf(url, 'Engine Trouble', 'tara')).not.toBeNull();
      expect(await blurbOf(url, 'Tea on Serenity')).not.toBeNull();
      expect(await blurbOf(url, 'Tea on Serenity', 'giles')).not.toBeNull();
    }
    // A reader hiding warnings gets the blurb without them, the next reader the blurb with them.
    const hiding = { [SETTINGS_COOKIE]: writeSettings({ ...DEFAULT_SETTINGS, hideWarnings: true }) };
    for (let round = 0; round < 2; round++) {
      const hidden = await blurbOf('/works', 'Tea on Serenity', undefined, hiding);
      expect(hidden).toContain('Show warnings');
      expect(hidden).toContain('hidden by your settings');
      const shown = await blurbOf('/works', 'Tea on Serenity');
      expect(shown).not.toContain('Show warnings');
      expect(shown).toContain('Graphic Depictions Of Violence');
    }
  });
});

/**
 * Tag wrangling as a member does it, in the browser, and as the command line does it: the same tag.service
 * functions, run in one transaction after the policy's `tag.wrangle`, each written to the audit log.
 */
import { Type } from '@sinclair/typebox';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { TAG_KINDS } from '../../domain/tag-kinds.ts';
import { recordAudit } from '../../repositories/moderation/audit.repository.ts';
import { parseInput } from '../../validate.ts';
import type { Member } from '../accounts/actor.ts';
import { authorize, SITE } from '../accounts/policy.ts';
import { listUnmappedTags, makeSynonym, mergeTags, renameTag, type UnmappedTag } from '../tag.service.ts';

export const WRANGLING_ACTIONS = ['map', 'synonym', 'merge', 'rename'] as const;
export type WranglingAction = (typeof WRANGLING_ACTIONS)[number];

const TagName = (what: string) =>
  Type.String({
    minLength: 1,
    maxLength: 200,
    pattern: '\\S',
    errorMessage: `${what}: give a tag name of 1 to 200 characters`,
  });

export const WranglingInput = Type.Object({
  action: Type.Union(
    WRANGLING_ACTIONS.map((action) => Type.Literal(action)),
    { errorMessage: `the action is one of ${WRANGLING_ACTIONS.join(', ')}` },
  ),
  tag: TagName('tag'),
  target: TagName('target'),
  kind: Type.Optional(
    Type.Union(
      TAG_KINDS.map((kind) => Type.Literal(kind)),
      { errorMessage: `the kind is one of ${TAG_KINDS.join(', ')}` },
    ),
  ),
});

/** What the wrangler is told, and what the audit log says. */
function describeChange(action: WranglingAction, tag: string, target: string, works: number | null): string {
  const retagged = works === null ? '' : `; ${works} works re-tagged`;
  switch (action) {
    case 'map':
    case 'synonym':
      return `"${tag}" now leads to "${target}"${retagged}.`;
    case 'merge':
      return `"${tag}" merged into "${target}"${retagged}.`;
    case 'rename':
      return `"${tag}" is now "${target}".`;
  }
}

/** Map, make a synonym, merge or rename, as `quire tags` does; returns what changed, in a sentence. */
export async function wrangleTag(db: Db, actor: Member, input: unknown, now = new Date()): Promise<string> {
  authorize(actor, 'tag.wrangle', SITE, 'tags');
  const { action, tag, target, kind } = parseInput(WranglingInput, input);
  return inTransaction(db, async (trx) => {
    let works: number | null = null;
    if (action === 'merge') works = (await mergeTags(trx, tag, target, kind)).works;
    else if (action === 'rename') await renameTag(trx, tag, target, kind);
    else works = (await makeSynonym(trx, tag, target, kind)).works;
    const message = describeChange(action, tag, target, works);
    await recordAudit(
      trx,
      actor,
      {
        action: `tag.${action}`,
        targetKind: 'tag',
        targetId: null,
        targetLabel: `${kind ?? 'tag'} "${tag}"`,
        note: message,
      },
      now,
    );
    return message;
  });
}

/** The wrangling queue for a wrangler: unmapped tags, of one kind or on one fandom's works if asked. */
export async function wranglingQueue(
  db: Db,
  actor: Member | null,
  filter: { kind?: (typeof TAG_KINDS)[number]; fandom?: string },
): Promise<UnmappedTag[]> {
  authorize(actor, 'tag.wrangle', SITE, 'tags');
  return listUnmappedTags(db, filter.kind, filter.fandom);
}

import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Value } from '@sinclair/typebox/value';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../../errors.ts';
import {
  type Ambiguity,
  buildKnowledge,
  type Knowledge,
  type KnownCharacter,
  type KnownFandom,
  type KnownShip,
  type KnownTimeline,
} from '../knowledge.ts';
import { type Pack, PackSchema } from './pack.schema.ts';

const PACK_DIR = dirname(fileURLToPath(import.meta.url));

/** Parse and validate a pack's text. Every problem names the file and the path inside it. */
export function parsePack(text: string, fileName: string): Pack {
  let data: unknown;
  try {
    data = fileName.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new AppError(
      'INVALID_PACK',
      `${fileName} is not valid ${fileName.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    );
  }
  if (!Value.Check(PackSchema, data)) {
    const problems = [...Value.Errors(PackSchema, data)]
      .slice(0, 10)
      .map((error) => `${pathOf(error.path)}: ${error.message}`);
    throw new AppError('INVALID_PACK', `${fileName} is not a valid knowledge pack: ${problems.join('; ')}`);
  }
  const pack = data as Pack;
  const problems = checkPack(pack);
  if (problems.length > 0)
    throw new AppError(
      'INVALID_PACK',
      `${fileName} is not a valid knowledge pack: ${problems.slice(0, 10).join('; ')}`,
    );
  return pack;
}

function pathOf(pointer: string): string {
  // `/characters/12/aliases/3/ambiguity` -> `characters[12].aliases[3].ambiguity`
  return (
    pointer
      .split('/')
      .filter(Boolean)
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
      .join('')
      .replace(/^\./, '') || '(the whole file)'
  );
}

/** Checks the schema cannot express: names unique, references resolve, patterns compile. */
function checkPack(pack: Pack): string[] {
  const problems: string[] = [];
  const fandoms = new Set(pack.fandoms.map((fandom) => fandom.name));
  const names = new Set<string>();
  pack.characters.forEach((character, index) => {
    if (names.has(character.name))
      problems.push(`characters[${index}].name: "${character.name}" is listed twice`);
    names.add(character.name);
    for (const fandom of [character.fandom, ...(character.also ?? [])]) {
      if (!fandoms.has(fandom))
        problems.push(`characters[${index}].fandom: "${fandom}" is not one of this pack's fandoms`);
    }
    const seen = new Map<string, string>();
    (character.aliases ?? []).forEach((alias, aliasIndex) => {
      const key = alias.name.toLowerCase();
      const ambiguity = alias.ambiguity ?? 'none';
      if (seen.has(key) && seen.get(key) !== ambiguity) {
        problems.push(
          `characters[${index}].aliases[${aliasIndex}]: "${alias.name}" is listed twice with different ambiguity`,
        );
      }
      seen.set(key, ambiguity);
    });
  });
  (pack.ships ?? []).forEach((ship, index) => {
    ship.members.forEach((member, memberIndex) => {
      if (!names.has(member))
        problems.push(`ships[${index}].members[${memberIndex}]: "${member}" is not a character in this pack`);
    });
  });
  (pack.timeline ?? []).forEach((entry, index) => {
    try {
      new RegExp(entry.pattern, 'i');
    } catch (error) {
      problems.push(
        `timeline[${index}].pattern: not a valid regular expression (${(error as Error).message})`,
      );
    }
    if (!fandoms.has(entry.fandom))
      problems.push(`timeline[${index}].fandom: "${entry.fandom}" is not one of this pack's fandoms`);
  });
  return problems;
}

export function loadPackFile(path: string): Pack {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError(
      'INVALID_PACK',
      `The pack file ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return parsePack(text, basename(path));
}

let builtin: Pack[] | null = null;

/** The packs shipped with Quire (every `.yaml` beside this module), loaded once. */
export function loadBuiltinPacks(): Pack[] {
  builtin ??= readdirSync(PACK_DIR)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => loadPackFile(join(PACK_DIR, file)));
  return builtin;
}

/** Flatten packs into the look-up tables the analysis uses. Later packs may add to earlier fandoms. */
export function knowledgeFromPacks(packs: readonly Pack[]): Knowledge {
  const fandoms: KnownFandom[] = [];
  const characters: KnownCharacter[] = [];
  const aliases: { text: string; character: KnownCharacter; ambiguity: Ambiguity }[] = [];
  const ships: KnownShip[] = [];
  const timeline: KnownTimeline[] = [];
  for (const pack of packs) {
    for (const fandom of pack.fandoms) {
      fandoms.push({
        name: fandom.name,
        aliases: (fandom.aliases ?? []).map((alias) => ({
          text: alias.name,
          ambiguity: alias.ambiguity ?? 'none',
        })),
        rightsHolders: pack.rights_holders ?? [],
        keywords: fandom.keywords ?? [],
      });
    }
    const byName = new Map<string, KnownCharacter>();
    for (const entry of pack.characters) {
      const character: KnownCharacter = {
        name: entry.name,
        short: entry.short ?? entry.name,
        fandoms: [entry.fandom, ...(entry.also ?? [])],
        gender: entry.gender,
        adult: entry.adult,
      };
      characters.push(character);
      byName.set(entry.name, character);
      // The canonical and short names are always aliases, unambiguous unless the pack says otherwise.
      const listed = new Set((entry.aliases ?? []).map((alias) => alias.name.toLowerCase()));
      for (const name of new Set([entry.name.replace(/\s*\([^)]*\)$/, ''), character.short])) {
        if (!listed.has(name.toLowerCase())) aliases.push({ text: name, character, ambiguity: 'none' });
      }
      for (const alias of entry.aliases ?? [])
        aliases.push({ text: alias.name, character, ambiguity: alias.ambiguity ?? 'none' });
    }
    for (const ship of pack.ships ?? []) {
      ships.push({
        name: ship.name,
        kind: ship.kind ?? 'romantic',
        canon: ship.canon ?? false,
        members: ship.members.map((member) => byName.get(member) as KnownCharacter),
      });
    }
    for (const entry of pack.timeline ?? []) {
      timeline.push({
        pattern: new RegExp(`(?:^|\\b)(?:${entry.pattern})(?:\\b|$)`, 'i'),
        tag: entry.tag,
        fandom: entry.fandom,
      });
    }
  }
  // An alias two characters share is ambiguous whatever each entry says.
  const owners = new Map<string, Set<KnownCharacter>>();
  for (const alias of aliases) {
    const key = alias.text.toLowerCase();
    const set = owners.get(key) ?? new Set();
    set.add(alias.character);
    owners.set(key, set);
  }
  for (const alias of aliases) {
    if (alias.ambiguity === 'none' && (owners.get(alias.text.toLowerCase())?.size ?? 0) > 1)
      alias.ambiguity = 'shared';
  }
  return buildKnowledge(fandoms, characters, aliases, ships, timeline);
}

let builtinKnowledge: Knowledge | null = null;

/** Knowledge from the built-in packs plus any given at run time (`--pack FILE`). */
export function loadKnowledge(extraPackFiles: readonly string[] = []): Knowledge {
  if (extraPackFiles.length === 0) {
    builtinKnowledge ??= knowledgeFromPacks(loadBuiltinPacks());
    return builtinKnowledge;
  }
  return knowledgeFromPacks([...loadBuiltinPacks(), ...extraPackFiles.map(loadPackFile)]);
}

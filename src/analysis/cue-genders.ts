import type { KnownCharacter } from './knowledge.ts';
import type { CueHit } from './passages.ts';

/*
 * Who a romantic or sexual cue can be about. `kissed her`, `her breasts`, `his cock` name the gender of
 * someone in the act: a cue that names a woman says nothing of two men in the paragraph, and one that names
 * a man nothing of two women (`Willow crossed her arms over her breasts` beside Giles and Xander).
 */

export const FEMALE = 1;
export const MALE = 2;

const FEMALE_WORD = /\b(?:she|her|hers|herself)\b/i;
const MALE_WORD = /\b(?:he|him|his|himself)\b/i;
/** The word right after a cue when it names whom the act is done to: `kissed him`, `caressed her face`. */
const OBJECT_AFTER = /^\s+(her|hers|him|his)\b/i;

/** The genders a cue names (`FEMALE | MALE` bits), from its own words and the object pronoun after it. */
export function cueGenders(hit: CueHit, text: string): number {
  let genders = 0;
  if (FEMALE_WORD.test(hit.match)) genders |= FEMALE;
  if (MALE_WORD.test(hit.match)) genders |= MALE;
  const object = OBJECT_AFTER.exec(text.slice(hit.end, hit.end + 8));
  if (object) genders |= /^h(?:er|ers)$/i.test(object[1] as string) ? FEMALE : MALE;
  return genders;
}

const genderBit = (character: KnownCharacter) =>
  character.gender === 'female' ? FEMALE : character.gender === 'male' ? MALE : FEMALE | MALE;

/** Whether a cue naming `genders` can be about the pair: each gender it names is one of theirs. */
export function fitsPair(genders: number, a: KnownCharacter, b: KnownCharacter): boolean {
  return (genders & ~(genderBit(a) | genderBit(b))) === 0;
}

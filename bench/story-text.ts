/** Deterministic synthetic story text for benchmarks: a seeded generator, so runs are comparable. */

const WORDS = (
  'the a and she he they her his said was had not but what with into back down look just like know then ' +
  'willow spike buffy giles xander dawn library night stake crypt vampire slayer magic book door window ' +
  'hand eyes voice quiet dark cold light smile laugh whisper turned walked stopped waited closed opened ' +
  'remember morning tomorrow always never something nothing everything maybe perhaps almost slowly finally'
).split(' ');

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sentence(random: () => number): string {
  const length = 6 + Math.floor(random() * 14);
  const words: string[] = [];
  for (let i = 0; i < length; i++) words.push(WORDS[Math.floor(random() * WORDS.length)] as string);
  const text = words.join(' ');
  const line = `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  return random() < 0.3 ? `"${line}" she said.` : line;
}

export function paragraphs(random: () => number, words: number): string[] {
  const result: string[] = [];
  let count = 0;
  while (count < words) {
    const sentences: string[] = [];
    const n = 2 + Math.floor(random() * 5);
    for (let i = 0; i < n; i++) sentences.push(sentence(random));
    const paragraph = sentences.join(' ');
    count += paragraph.split(' ').length;
    result.push(paragraph);
  }
  return result;
}

const SYLLABLES = 'ka lo mi ren tas vel dor ish an ube qua rix sol tem yor zan fen gil hap jun'.split(' ');

/**
 * `count` distinct made-up words (two to four syllables), the long tail of an archive's vocabulary: names,
 * rare words, misspellings. Drawn with a Zipf skew they make words found in thousands of works and words
 * found in one.
 */
export function lexicon(random: () => number, count: number): string[] {
  const words = new Set<string>();
  while (words.size < count) {
    const length = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < length; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/**
 * The first few characters a match of a cue can start with, for the cue vocabulary's small dialect of
 * regular expressions: literals, escapes (`\w`, `\b`, `\.`), classes (`[a-c']`), non-capturing groups,
 * lookarounds and the quantifiers `?`, `*` and `+`. What can stand for any character (`\w`, `.`, a negated
 * class) ends the prefix there with a wildcard, so the answer is always a superset of the truth.
 *
 * No library gives this: regexp-tree and friends parse a source into a tree but leave the walk to the
 * caller, and this dialect's parser is smaller than the adapter to their tree would be.
 */

/** A character a match can hold at one place: a set of exact characters, or any character. */
export type Slot = ReadonlySet<string> | 'any';

type Node =
  | { kind: 'chars'; chars: Slot }
  | { kind: 'empty' } // lookarounds and word boundaries: they take no character
  | { kind: 'sequence'; items: Node[] }
  | { kind: 'choice'; options: Node[] }
  | { kind: 'repeat'; item: Node; min: 0 | 1; many: boolean };

function parse(source: string): Node {
  let at = 0;
  const fail = (problem: string) => new Error(`Cue ${JSON.stringify(source)}: ${problem} at ${at}`);

  function choice(): Node {
    const options = [sequence()];
    while (source[at] === '|') {
      at++;
      options.push(sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { kind: 'choice', options };
  }

  function sequence(): Node {
    const items: Node[] = [];
    while (at < source.length && source[at] !== '|' && source[at] !== ')') items.push(quantified());
    return { kind: 'sequence', items };
  }

  function quantified(): Node {
    const item = atom();
    const quantifier = source[at];
    if (quantifier === '?' || quantifier === '*' || quantifier === '+') {
      at++;
      if (source[at] === '?') at++; // lazy: the same characters
      return { kind: 'repeat', item, min: quantifier === '+' ? 1 : 0, many: quantifier !== '?' };
    }
    if (quantifier === '{') throw fail('counted repetition is not supported');
    return item;
  }

  function atom(): Node {
    const char = source[at++] as string;
    if (char === '(') {
      // `(?:` groups; `(?=`, `(?!`, `(?<=` and `(?<!` look around and take no character.
      const opener = ['?:', '?=', '?!', '?<=', '?<!'].find((kind) => source.startsWith(kind, at)) ?? '';
      if (!opener && source[at] === '?') throw fail('named or unknown group');
      at += opener.length;
      const lookaround = opener !== '' && opener !== '?:';
      const inner = choice();
      if (source[at] !== ')') throw fail('unbalanced group');
      at++;
      return lookaround ? { kind: 'empty' } : inner;
    }
    if (char === ')') throw fail('unbalanced group');
    if (char === '[') return charClass();
    if (char === '\\') {
      const escaped = source[at++];
      if (escaped === undefined) throw fail('trailing backslash');
      if (escaped === 'b' || escaped === 'B') return { kind: 'empty' };
      if (/[a-zA-Z0-9]/.test(escaped)) return { kind: 'chars', chars: 'any' };
      return { kind: 'chars', chars: new Set([escaped]) };
    }
    if (char === '^' || char === '$') return { kind: 'empty' };
    if (char === '.') return { kind: 'chars', chars: 'any' };
    return { kind: 'chars', chars: new Set([char]) };
  }

  function charClass(): Node {
    const chars = new Set<string>();
    let any = source[at] === '^';
    while (at < source.length && source[at] !== ']') {
      let char = source[at++] as string;
      if (char === '\\') {
        const escaped = source[at++] as string;
        if (/[a-zA-Z0-9]/.test(escaped)) any = true;
        char = escaped;
      }
      if (source[at] === '-' && source[at + 1] !== ']' && at + 1 < source.length) {
        const last = source[at + 1] as string;
        at += 2;
        for (let code = char.charCodeAt(0); code <= last.charCodeAt(0); code++)
          chars.add(String.fromCharCode(code));
      } else {
        chars.add(char);
      }
    }
    if (source[at] !== ']') throw fail('unclosed class');
    at++;
    return { kind: 'chars', chars: any ? 'any' : chars };
  }

  const whole = choice();
  if (at !== source.length) throw fail('unbalanced group');
  return whole;
}

/**
 * Every way a match can begin, cut at `length` characters: a list of slots per way. A way shorter than
 * `length` is a whole match (the cue can end there). Ways past `limit` in number stop the walk: the caller
 * then treats the cue as able to start anywhere.
 */
export function cuePrefixes(source: string, length: number, limit = 4096): Slot[][] | 'too many' {
  interface Way {
    slots: Slot[];
  }
  let tooMany = false;

  // The ways `node` continues each of `ways`. A way already `length` long passes through unchanged.
  function extend(ways: Way[], node: Node): Way[] {
    if (tooMany) return ways;
    const growing = ways.filter((way) => way.slots.length < length);
    const settled = ways.filter((way) => way.slots.length >= length);
    if (growing.length === 0) return ways;
    let grown: Way[];
    switch (node.kind) {
      case 'empty':
        return ways;
      case 'chars':
        grown = growing.map((way) => ({ slots: [...way.slots, node.chars] }));
        break;
      case 'sequence':
        grown = node.items.reduce(extend, growing);
        break;
      case 'choice':
        grown = node.options.flatMap((option) => extend(growing, option));
        break;
      case 'repeat': {
        // Each count of repetitions up to what fills the prefix: every way from zero (or one) upward.
        grown = node.min === 0 ? [...growing] : [];
        let current = growing;
        for (let count = 1; count <= (node.many ? length : 1); count++) {
          current = extend(current, node.item).filter((way) => way.slots.length <= length);
          grown.push(...current);
          if (current.every((way) => way.slots.length >= length)) break;
        }
        break;
      }
    }
    const result = [...settled, ...grown];
    if (result.length > limit) tooMany = true;
    return result;
  }

  const ways = extend([{ slots: [] }], parse(source));
  if (tooMany) return 'too many';
  // Identical ways (from repeats) once each.
  const seen = new Set<string>();
  return ways
    .map((way) => way.slots)
    .filter((slots) => {
      const key = slots.map((slot) => (slot === 'any' ? '\u0000' : [...slot].sort().join(''))).join('\u0001');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

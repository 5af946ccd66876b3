/**
 * The walk over a story's first blocks that reads its header. One step per block; between steps the walk holds
 * the fields read so far, how many blocks they used, whether a title was seen, and what the next line or block
 * may add to the last key (`Pending`).
 */
import type { Block, SourceField } from '../story.ts';
import { squeezeSpaces } from '../text.ts';
import { isDisclaimerParagraph } from './disclaimer.ts';
import { isBarePairing, type KeyLine, keyMatcher, matchKeyLine } from './key-line.ts';
import { isMultiline, meaningOfLabel } from './labels.ts';
import { matchTitleByAuthor, readTitleAboveKeys, readTitleLines } from './title-lines.ts';

export interface ParsedHeader {
  fields: SourceField[];
  /** How many leading blocks the header used. */
  consumed: number;
  /** Story lines that shared the header's last block, to put back in front of the story. */
  remainder: string | null;
}

/** What the lines or block after the last key may add to its field. */
type Pending =
  | { kind: 'nothing' }
  /** A multi-line value (`Summary: ...`): the following lines of its block continue it. */
  | { kind: 'continuing'; field: SourceField }
  /** `Summary:` alone on its line: the next paragraph is the summary. */
  | { kind: 'awaiting-value'; field: SourceField };

/** What the walk does after a block: read the next, skip the next (this step used it), or end the header. */
type Step = 'next' | 'skip-next' | 'stop';

// A header sits in the first blocks; past these the story has long begun.
const MAX_HEADER_BLOCKS = 80;
// Title lines and disclaimers come first: a keyless title or a disclaimer further down is story.
const LAST_TITLE_BLOCK = 3;
const LAST_DISCLAIMER_BLOCK = 6;

/**
 * Read the header at the start of a story: `Key: value` lines (values may run over several lines),
 * a `Title by Author` line or `Title` / `by Author` pair, and a disclaimer paragraph. Stops at the first
 * block that is story text. Never takes a title from the story's first sentence.
 */
export function parseHeader(
  blocks: readonly Block[],
  isChapterHeading: (text: string) => boolean,
): ParsedHeader {
  const walk = new HeaderWalk(blocks, isChapterHeading);
  for (let index = 0; index < blocks.length && index < MAX_HEADER_BLOCKS; index++) {
    const step = walk.read(index);
    if (step === 'stop') break;
    if (step === 'skip-next') index++;
  }
  return { fields: walk.fields, consumed: walk.consumed, remainder: walk.remainder };
}

class HeaderWalk {
  readonly fields: SourceField[] = [];
  consumed = 0;
  remainder: string | null = null;
  private pending: Pending = { kind: 'nothing' };
  /** Lines read so far, for the fields' origins. */
  private lineNumber = 0;
  private sawTitle = false;

  constructor(
    private readonly blocks: readonly Block[],
    private readonly isChapterHeading: (text: string) => boolean,
  ) {}

  read(index: number): Step {
    const block = this.blocks[index] as Block;
    if (block.type === 'break') return this.readBreak(index);
    const lines = block.text.split('\n');
    if (this.opensChapter(block, lines)) return 'stop';
    if (this.isTitleHeading(block, index)) return this.readTitleHeading(block.text, index);
    if (
      this.pending.kind === 'awaiting-value' &&
      block.type === 'paragraph' &&
      !matchKeyLine(lines[0] ?? '')
    ) {
      return this.readAwaitedValue(this.pending.field, block.text, lines.length, index);
    }
    return this.readLines(block.text, lines, index);
  }

  /** A scene break ends a header; before any field it is decoration. */
  private readBreak(index: number): Step {
    this.consumed = index + 1;
    return this.fields.length > 0 ? 'stop' : 'next';
  }

  private opensChapter(block: Block, lines: readonly string[]): boolean {
    if (block.type !== 'heading' && lines.length !== 1) return false;
    const only = lines[0] ?? '';
    return this.isChapterHeading(only) && !matchKeyLine(only);
  }

  /** A document's first heading (Word's Title style, an <h1>) is its title, not a sentence of the story. */
  private isTitleHeading(block: Block, index: number): boolean {
    return (
      block.type === 'heading' &&
      index === this.consumed &&
      !this.sawTitle &&
      this.fields.length === 0 &&
      block.text.length <= 150
    );
  }

  private readTitleHeading(text: string, index: number): Step {
    const byAuthor = matchTitleByAuthor(text);
    this.add('Title', byAuthor?.title ?? text, `heading ${index + 1}`);
    if (byAuthor) this.add('Author', byAuthor.creator, `heading ${index + 1}`);
    this.sawTitle = true;
    this.consumed = index + 1;
    return 'next';
  }

  /** A key line with nothing after it takes the next block as its value (`Summary:` then a paragraph). */
  private readAwaitedValue(field: SourceField, text: string, lineCount: number, index: number): Step {
    field.value = squeezeSpaces(text.replace(/\n/g, ' '));
    this.lineNumber += lineCount;
    this.pending = { kind: 'continuing', field };
    this.consumed = index + 1;
    return 'next';
  }

  /** A paragraph or heading read line by line: key lines, else title lines or a disclaimer, else story. */
  private readLines(text: string, lines: readonly string[], index: number): Step {
    const firstLine = this.lineNumber + 1;
    this.lineNumber += lines.length;
    const keyed = this.readKeyLines(lines, firstLine);
    if (keyed.keys > 0) return this.endKeyBlock(keyed, lines, firstLine, index);
    return this.readKeylessBlock(text, lines, firstLine, index);
  }

  /**
   * The block's key lines, with the values they continue and the pairings written with no key. Lines before
   * the first key are set aside; the first other line after the keys is where the story starts.
   */
  private readKeyLines(lines: readonly string[], firstLine: number): KeyBlock {
    const keyOf = keyMatcher(lines);
    const keyed: KeyBlock = { keys: 0, before: [], storyFrom: null };
    for (let l = 0; l < lines.length; l++) {
      const line = (lines[l] as string).trim();
      if (!line) continue;
      const key = keyOf(line);
      if (key) {
        keyed.keys++;
        this.addKey(key, firstLine + l);
      } else if (keyed.keys === 0) {
        keyed.before.push(line);
      } else if (isBarePairing(line)) {
        this.add('Pairing', line, `header line ${firstLine + l} (a pairing with no key)`);
        this.pending = { kind: 'nothing' };
      } else if (this.pending.kind !== 'nothing') {
        // A continuation of the previous value, inside the same block.
        const field = this.pending.field;
        field.value = field.value ? `${field.value} ${line}` : line;
        this.pending = { kind: 'continuing', field };
      } else {
        keyed.storyFrom = l;
        break;
      }
    }
    return keyed;
  }

  private addKey(key: KeyLine, lineNumber: number): void {
    const field = this.add(key.label, key.value, `header line ${lineNumber}`);
    if (!isMultiline(key.meaning)) this.pending = { kind: 'nothing' };
    // `Summary:` alone on its line: the summary is the next paragraph. `Status:` alone is just empty.
    else if (key.value === '') this.pending = { kind: 'awaiting-value', field };
    else this.pending = { kind: 'continuing', field };
    if (key.meaning === 'title') this.sawTitle = true;
  }

  /** After a block with keys: the title lines above them, and the story lines below them. */
  private endKeyBlock(keyed: KeyBlock, lines: readonly string[], firstLine: number, index: number): Step {
    if (keyed.before.length > 0) {
      const titleFields = readTitleAboveKeys(keyed.before, this.sawTitle, firstLine);
      if (!titleFields) {
        // Story text ahead of the keys: this is no header block after all.
        this.fields.splice(this.fields.length - keyed.keys, keyed.keys);
        return 'stop';
      }
      this.fields.splice(this.fields.length - keyed.keys, 0, ...titleFields);
      this.sawTitle = true;
    }
    this.consumed = index + 1;
    if (keyed.storyFrom === null) return 'next';
    this.remainder = lines.slice(keyed.storyFrom).join('\n');
    return 'stop';
  }

  /** A block with no key: title lines near the top (after a disclaimer at most), a disclaimer, or story. */
  private readKeylessBlock(text: string, lines: readonly string[], firstLine: number, index: number): Step {
    if (index <= LAST_TITLE_BLOCK && !this.sawTitle && this.fields.every(isDisclaimerField)) {
      const titleFields = readTitleLines(lines, false, firstLine, this.blocks[index + 1]);
      if (titleFields) {
        this.fields.push(...titleFields);
        this.sawTitle = true;
        this.pending = { kind: 'nothing' };
        // `Title` then `by Author` in the next block.
        const usedNext = titleFields.some((field) => field.origin.endsWith('(next line)'));
        this.consumed = index + (usedNext ? 2 : 1);
        return usedNext ? 'skip-next' : 'next';
      }
    }
    if (index <= LAST_DISCLAIMER_BLOCK && isDisclaimerParagraph(text)) {
      this.add('Disclaimer', squeezeSpaces(text.replace(/\n/g, ' ')), `paragraph ${index + 1}`);
      this.consumed = index + 1;
      this.pending = { kind: 'nothing' };
      return 'next';
    }
    return 'stop';
  }

  private add(label: string, value: string, origin: string): SourceField {
    const field: SourceField = { label, value, origin };
    this.fields.push(field);
    return field;
  }
}

/** What one block's key lines gave. */
interface KeyBlock {
  keys: number;
  /** Lines ahead of the first key (a title line, a `by` line). */
  before: string[];
  /** The first story line after the keys, when the block mixes the two. */
  storyFrom: number | null;
}

const isDisclaimerField = (field: SourceField): boolean => meaningOfLabel(field.label) === 'disclaimer';

import type { Command } from 'commander';
import type { Knowledge } from '../analysis/knowledge.ts';
import { isAppError } from '../errors.ts';
import type { Evidence } from '../ingest/story.ts';
import { type InspectRecord, toInspectRecord } from './inspect-record.ts';

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .summary('read story files and show the work record Quire makes of each')
    .description(
      'Read story files (.txt, .html, .epub, .docx) and print what Quire finds in each: title, creators, tags, rating, chapters, and where each value came from. Nothing is stored.',
    )
    .argument('<files...>', 'story files to read')
    .option('--json', 'print one JSON array with a record per file, in the order given')
    .option(
      '--pack <file>',
      'add a fandom knowledge pack (YAML or JSON, see docs/packs.md); may be repeated',
      collect,
      [],
    )
    .option(
      '--no-analysis',
      'only read the files: no fandom, character, relationship, rating or warning suggestions',
    )
    .action(async (files: string[], options: { json?: boolean; pack: string[]; analysis: boolean }) => {
      // The readers and the analysis load with this command only, so `quire import` starts lighter.
      const [{ loadKnowledge }, { tagWork }, { readStoryFile, failure }] = await Promise.all([
        import('../analysis/packs/pack.loader.ts'),
        import('../analysis/tag-work.ts'),
        import('../ingest/read-story.ts'),
      ]);
      let knowledge: Knowledge | null = null;
      if (options.analysis) {
        try {
          knowledge = loadKnowledge(options.pack);
        } catch (error) {
          if (!isAppError(error)) throw error;
          process.stderr.write(`quire inspect: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
      }
      const records: InspectRecord[] = [];
      for (const file of files) {
        const result = await readStoryFile(file);
        try {
          records.push(
            toInspectRecord(result, result.ok && knowledge ? tagWork(result.draft, knowledge) : undefined),
          );
        } catch (error) {
          // A bug in the analysis of one file is that file's failure: the others are still printed.
          records.push(toInspectRecord(failure(file, error)));
        }
      }
      process.stdout.write(
        options.json ? `${JSON.stringify(records, null, 2)}\n` : records.map(formatRecord).join('\n'),
      );
      process.exitCode = records.every((record) => record.ok) ? 0 : 1;
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The readable summary of one record. */
export function formatRecord(record: InspectRecord): string {
  if (!record.ok) return `${record.source}\n  error: ${record.error}\n`;
  const { work, evidence } = record;
  const lines = [`${record.source}`];
  const row = (label: string, value: string | null | undefined) => {
    if (value) lines.push(`  ${`${label}:`.padEnd(15)}${value}`);
  };
  const inferred = new Set(Array.isArray(evidence.inferred) ? (evidence.inferred as string[]) : []);
  const tags = (field: string, values: string[]) =>
    values.map((value) => (inferred.has(`${field}:${value}`) ? `${value} (inferred)` : value)).join(', ');
  row('Title', work.title ?? '(none in the file)');
  row('Creators', work.creators.join(', ') || '(none in the file)');
  row('Fandoms', tags('fandoms', work.fandoms));
  const ratingOriginal =
    typeof evidence.ratingOriginal === 'string' ? ` (file says "${evidence.ratingOriginal}")` : '';
  row('Rating', `${work.rating}${inferred.has('rating') ? ' (inferred)' : ''}${ratingOriginal}`);
  row('Warnings', tags('warnings', work.warnings));
  row('Categories', tags('categories', work.categories));
  row('Relationships', tags('relationships', work.relationships));
  if (typeof evidence.mainRelationship === 'string' && evidence.mainRelationship)
    row('Main pairing', evidence.mainRelationship);
  row('Characters', tags('characters', work.characters));
  row('Additional', tags('freeforms', work.freeforms));
  row('Language', work.language);
  row('Status', `${work.complete ? 'complete' : 'in progress'} (${String(evidence.completeReason)})`);
  row('Words', work.words.toLocaleString('en-US'));
  if (work.summary) row('Summary', truncate(work.summary, 300));
  if (work.notes) row('Notes', truncate(work.notes, 200));
  lines.push(`  Chapters:      ${work.chapters.length}`);
  work.chapters.forEach((chapter, index) => {
    lines.push(
      `    ${String(index + 1).padStart(3)}. ${chapter.title ?? '(untitled)'} — ${chapter.words.toLocaleString('en-US')} words`,
    );
  });
  const passages = Object.entries(evidence).filter(
    (entry): entry is [string, Evidence[]] =>
      Array.isArray(entry[1]) &&
      entry[1].some(
        (item) => typeof item === 'object' && item !== null && 'source' in item && item.source === 'text',
      ),
  );
  if (passages.length > 0) {
    lines.push('  Evidence:');
    for (const [key, items] of passages) {
      lines.push(`    ${key}`);
      for (const item of items) {
        if (item.source === 'text')
          lines.push(`      ch. ${item.chapter} @${item.start} [${item.cue}] "${item.quote}"`);
      }
    }
  }
  if (Array.isArray(evidence.review)) {
    for (const note of evidence.review as { field: string; message: string; evidence: Evidence[] }[]) {
      lines.push(`  REVIEW (${note.field}): ${note.message}`);
      for (const item of note.evidence) {
        if (item.source === 'text')
          lines.push(`      ch. ${item.chapter} @${item.start} [${item.cue}] "${item.quote}"`);
      }
    }
  }
  if (Array.isArray(evidence.possible)) {
    const possible = evidence.possible as { field: string; value: string; confidence: number }[];
    lines.push(
      `  Possible:      ${possible.map((item) => `${item.value} (${item.field}, ${Math.round(item.confidence * 100)}%)`).join(', ')}`,
    );
  }
  if (Array.isArray(evidence.notices))
    for (const notice of evidence.notices) lines.push(`  Note:          ${String(notice)}`);
  return `${lines.join('\n')}\n`;
}

function truncate(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

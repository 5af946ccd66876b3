import type { Command } from 'commander';
import { type InspectRecord, toInspectRecord } from '../ingest/inspect-record.ts';
import { readStoryFile } from '../ingest/read-story.ts';
import type { Evidence } from '../ingest/story.ts';

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .summary('read story files and show the work record Quire makes of each')
    .description(
      'Read story files (.txt, .html, .epub, .docx) and print what Quire finds in each: title, creators, tags, rating, chapters, and where each value came from. Nothing is stored.',
    )
    .argument('<files...>', 'story files to read')
    .option('--json', 'print one JSON array with a record per file, in the order given')
    .action(async (files: string[], options: { json?: boolean }) => {
      const records: InspectRecord[] = [];
      for (const file of files) records.push(toInspectRecord(await readStoryFile(file)));
      process.stdout.write(
        options.json ? `${JSON.stringify(records, null, 2)}\n` : records.map(formatRecord).join('\n'),
      );
      process.exitCode = records.every((record) => record.ok) ? 0 : 1;
    });
}

/** The readable summary of one record. */
export function formatRecord(record: InspectRecord): string {
  if (!record.ok) return `${record.source}\n  error: ${record.error}\n`;
  const { work, evidence } = record;
  const lines = [`${record.source}`];
  const row = (label: string, value: string | null | undefined) => {
    if (value) lines.push(`  ${`${label}:`.padEnd(15)}${value}`);
  };
  row('Title', work.title ?? '(none in the file)');
  row('Creators', work.creators.join(', ') || '(none in the file)');
  row('Fandoms', work.fandoms.join(', '));
  const ratingOriginal =
    typeof evidence.ratingOriginal === 'string' ? ` (file says "${evidence.ratingOriginal}")` : '';
  row('Rating', `${work.rating}${ratingOriginal}`);
  row('Warnings', work.warnings.join(', '));
  row('Categories', work.categories.join(', '));
  row('Relationships', work.relationships.join(', '));
  row('Characters', work.characters.join(', '));
  row('Additional', work.freeforms.join(', '));
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
  if (Array.isArray(evidence.notices))
    for (const notice of evidence.notices) lines.push(`  Note:          ${String(notice)}`);
  return `${lines.join('\n')}\n`;
}

function truncate(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

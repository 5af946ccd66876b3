import { docxFormat } from './docx.ts';
import { epubFormat } from './epub.ts';
import type { StoryFormat } from './format.ts';
import { htmlFormat } from './html/html.ts';
import { markdownFormat } from './markdown.ts';
import { txtFormat } from './txt.ts';

/** Every format Quire reads. Adding one is adding a module and a line here. */
export const STORY_FORMATS: readonly StoryFormat[] = [
  epubFormat,
  docxFormat,
  htmlFormat,
  markdownFormat,
  txtFormat,
];

/** The format for a file: by its bytes first (a `.txt` that is really HTML), then by its name. */
export function findFormat(fileName: string, bytes: Uint8Array): StoryFormat | null {
  const sniffed = STORY_FORMATS.find((format) => format.sniff(bytes));
  if (sniffed) return sniffed;
  const lower = fileName.toLowerCase();
  const named = STORY_FORMATS.find((format) =>
    format.extensions.some((extension) => lower.endsWith(extension)),
  );
  if (named) return named;
  // A name with no extension (a zip entry `chapter1`) that no format claims by its bytes is tried as text;
  // the text reader refuses binary data with its own error.
  return /(?:^|[/\\])[^/\\.]+$/.test(fileName) ? txtFormat : null;
}

export function supportedExtensions(): string[] {
  return STORY_FORMATS.flatMap((format) => format.extensions);
}

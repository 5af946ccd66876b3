import type { RawStory } from '../story.ts';

/** One story-file format. Readers are pure: bytes in, `RawStory` out, `AppError` for bad input. */
export interface StoryFormat {
  id: 'txt' | 'html' | 'epub' | 'docx' | 'markdown';
  /** Lower-case file name endings, with the dot. */
  extensions: readonly string[];
  /** True when the bytes look like this format whatever the file is called (a zip with `mimetype`, `<html`...). */
  sniff(bytes: Uint8Array): boolean;
  read(bytes: Uint8Array, fileName: string): Promise<RawStory>;
}

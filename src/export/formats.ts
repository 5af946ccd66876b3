/**
 * The download formats Quire offers, in the order of AO3's Download menu (plain text last, which AO3 lacks).
 * EPUB, HTML and text are written by Quire itself; the others need a program on the server (`converters.ts`)
 * and are offered only where it is found.
 */
export const DOWNLOAD_FORMATS = {
  azw3: { label: 'AZW3', type: 'application/x-mobi8-ebook', needs: 'ebookConvert' },
  epub: { label: 'EPUB', type: 'application/epub+zip', needs: null },
  mobi: { label: 'MOBI', type: 'application/x-mobipocket-ebook', needs: 'ebookConvert' },
  pdf: { label: 'PDF', type: 'application/pdf', needs: 'chromium' },
  html: { label: 'HTML', type: 'text/html; charset=utf-8', needs: null },
  txt: { label: 'Plain text', type: 'text/plain; charset=utf-8', needs: null },
} as const;

export type DownloadFormat = keyof typeof DOWNLOAD_FORMATS;

/** The programs a format may need, as `converters.ts` finds them. */
export type ConverterName = NonNullable<(typeof DOWNLOAD_FORMATS)[DownloadFormat]['needs']>;

export const ALL_FORMATS = Object.keys(DOWNLOAD_FORMATS) as DownloadFormat[];

export function isDownloadFormat(extension: string): extension is DownloadFormat {
  return Object.hasOwn(DOWNLOAD_FORMATS, extension);
}

/** A work as one self-contained HTML file, like AO3's HTML download: inline CSS, no scripts, no images. */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { WorkView } from '../repositories/work-view.ts';
import type { ExportOptions } from './work-meta.ts';
import { DownloadDocument } from './work-parts.tsx';

export function workToHtml(work: WorkView, options: ExportOptions): string {
  return `<!DOCTYPE html>\n${renderToString(h(DownloadDocument, { work, options }))}\n`;
}

/** Numbers and dates as AO3 shows them: 12,345 words, 2026-11-22. */
export const formatNumber = (value: number): string => value.toLocaleString('en-US');
export const formatDate = (iso: string): string => iso.slice(0, 10);
export const chapterCount = (count: number, planned: number | null): string =>
  `${count}/${planned === null ? '?' : planned}`;

import type { RescueSummary } from '../services/rescue/rescue.service.ts';

/** The report of a rescue: one line per thing skipped, odd or masked, each with its reason, tab-separated. */
export function writeRescueReport(summary: RescueSummary): string {
  const lines = ['# what\tid\treason'];
  for (const problem of summary.sheet.problems) lines.push(`sheet\t-\t${problem}`);
  for (const skip of summary.skipped) lines.push(`${skip.kind}\t${skip.oldId}\t${skip.reason}`);
  for (const note of summary.notes) lines.push(`story\t${note.story}\t${note.note} (imported)`);
  for (const email of summary.emails)
    lines.push(
      `email\t${email.story}\tthe address ${email.address} was masked in the story's text; check it`,
    );
  return `${lines.join('\n')}\n`;
}

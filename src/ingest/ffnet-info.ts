import type { SourceField } from './story.ts';

/** `Rated: Fiction T - English - Romance/Drama - [Harry P., Hermione G.] Ginny W. - Chapters: 5 - ...` */
export function readFfnetInfo(info: string, origin = 'fanfiction.net info line'): SourceField[] {
  const fields: SourceField[] = [];
  const parts = info
    .split(/\s+-\s+/)
    .map((part) => part.trim())
    .filter(Boolean);
  let unlabelled = 0;
  for (const part of parts) {
    const labelled = /^([A-Za-z]+):\s*(.*)$/.exec(part);
    if (labelled) {
      const label = labelled[1] as string;
      const value = (labelled[2] as string).trim();
      if (label === 'Rated') fields.push(field('Rating', value.replace(/^Fiction\s+/i, ''), origin));
      else if (label !== 'id' && label !== 'Reviews' && label !== 'Favs' && label !== 'Follows')
        fields.push(field(label, value, origin));
      continue;
    }
    unlabelled++;
    if (unlabelled === 1) fields.push(field('Language', part, origin));
    else if (
      unlabelled === 2 &&
      /^[A-Za-z/&-]+(?:\/[A-Za-z/&-]+)*$/.test(part) &&
      !/[[\]]/.test(part) &&
      !/\.\s/.test(part)
    ) {
      fields.push(
        field(
          'Genre',
          part,
          origin,
          // `Hurt/Comfort` is one genre that itself has a slash.
          part
            .replace(/Hurt\/Comfort/gi, 'Hurt\u0000Comfort')
            .split('/')
            .map((genre) => genre.replace('\u0000', '/').trim())
            .filter(Boolean),
        ),
      );
    } else {
      // Characters, with [A, B] marking a pairing.
      // Pasted by hand, a pairing is often written `A & B` or `A/B` instead of `[A, B]`.
      if (/^[^[\],]+(?:\/|\s&\s)[^[\],]+$/.test(part)) {
        fields.push(field('Relationship', part, origin));
        continue;
      }
      const pairings = [...part.matchAll(/\[([^\]]+)\]/g)].map((match) =>
        (match[1] as string)
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
      );
      for (const pairing of pairings)
        if (pairing.length >= 2) fields.push(field('Relationship', pairing.join('/'), origin));
      const characters = part
        .replace(/[[\]]/g, ',')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
      if (characters.length > 0) fields.push(field('Characters', characters.join(', '), origin, characters));
    }
  }
  return fields;
}

function field(label: string, value: string, origin: string, values?: string[]): SourceField {
  return values ? { label, value, values, origin } : { label, value, origin };
}

/** A fanfiction.net info line pasted into a text header: `Rated: M - English - Romance - A & B - Words: 830`. */
export function isFfnetInfoLine(label: string, value: string): boolean {
  return /^rated$/i.test(label) && (value.match(/\s-\s/g)?.length ?? 0) >= 2;
}

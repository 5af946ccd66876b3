import type { SeriesNeighbours } from '../../../services/catalog.service.ts';
import { seriesPath, workPath } from '../../paths.ts';

/** AO3's "« Previous Work  Part 2 of Valentines  Next Work »", once for each series. */
export function SeriesNav({ series, label }: { series: SeriesNeighbours[]; label: string }) {
  if (series.length === 0) return null;
  return (
    <nav class="series-nav" aria-label={label}>
      {series.map((entry) => (
        <ul key={entry.id}>
          {entry.previous ? (
            <li>
              <a rel="prev" href={workPath(entry.previous.id)}>
                « Previous Work
                <span class="sr-only">
                  {' '}
                  in {entry.title}: {entry.previous.title}
                </span>
              </a>
            </li>
          ) : null}
          <li>
            {entry.position === null ? 'Part of ' : `Part ${entry.position} of `}
            <a href={seriesPath(entry.id)}>{entry.title}</a>
          </li>
          {entry.next ? (
            <li>
              <a rel="next" href={workPath(entry.next.id)}>
                Next Work »
                <span class="sr-only">
                  {' '}
                  in {entry.title}: {entry.next.title}
                </span>
              </a>
            </li>
          ) : null}
        </ul>
      ))}
    </nav>
  );
}

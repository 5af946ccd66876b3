import { queryString } from '../paths.ts';

const withPage = (pairs: [string, string][], page: number) => [
  ...pairs.filter(([key]) => key !== 'page'),
  ...(page > 1 ? ([['page', String(page)]] as [string, string][]) : []),
];

/** Previous, next and nearby page numbers, keeping the listing's query string. */
export function Pagination({
  basePath,
  pairs,
  page,
  pages,
}: {
  basePath: string;
  pairs: [string, string][];
  page: number;
  pages: number;
}) {
  if (pages <= 1) return null;
  const numbers = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const href = (n: number) => `${basePath}${queryString(withPage(pairs, n))}`;
  return (
    <nav class="pagination" aria-label="Pages">
      <ol>
        <li>
          {page > 1 ? (
            <a href={href(page - 1)} rel="prev">
              ← Previous
            </a>
          ) : (
            <span>← Previous</span>
          )}
        </li>
        {numbers.map((n, index) => (
          <li key={n}>
            {index > 0 && n - (numbers[index - 1] ?? n) > 1 ? <span aria-hidden="true">… </span> : null}
            {n === page ? <span aria-current="page">{n}</span> : <a href={href(n)}>{n}</a>}
          </li>
        ))}
        <li>
          {page < pages ? (
            <a href={href(page + 1)} rel="next">
              Next →
            </a>
          ) : (
            <span>Next →</span>
          )}
        </li>
      </ol>
    </nav>
  );
}

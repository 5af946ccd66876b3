import type { CreatorCount } from '../../repositories/browse.repository.ts';
import { creatorPath } from '../paths.ts';
import { formatNumber } from './format.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

const initial = (name: string) => {
  const first = name.charAt(0).toUpperCase();
  return /\p{Lu}/u.test(first) ? first : '#';
};

/** Every creator A–Z with their number of works, grouped by initial as AO3's indexes are. */
export function CreatorsPage({ ctx, creators }: { ctx: PageContext; creators: CreatorCount[] }) {
  const groups = new Map<string, CreatorCount[]>();
  for (const creator of creators) {
    const letter = initial(creator.name);
    groups.set(letter, [...(groups.get(letter) ?? []), creator]);
  }
  const letters = [...groups.keys()].sort();
  const anchor = (letter: string) => `creators-${letter === '#' ? 'other' : letter}`;
  return (
    <Layout ctx={ctx} title="Creators">
      <h1>Creators</h1>
      <form action="/works" method="get" class="inline-search">
        <label for="creator-search">Find works by a creator</label>
        <input id="creator-search" name="creator" type="search" required />
        <button type="submit">Search</button>
      </form>
      {creators.length === 0 ? <p>No works yet.</p> : null}
      <nav aria-label="Letters" class="letters">
        <ul>
          {letters.map((letter) => (
            <li key={letter}>
              <a href={`#${anchor(letter)}`}>{letter}</a>
            </li>
          ))}
        </ul>
      </nav>
      {letters.map((letter) => (
        <section key={letter} aria-labelledby={anchor(letter)}>
          <h2 id={anchor(letter)}>{letter}</h2>
          <ul class="index-list">
            {(groups.get(letter) ?? []).map((creator) => (
              <li key={creator.name}>
                <a href={creatorPath(creator.name)}>{creator.name}</a> ({formatNumber(creator.count)})
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

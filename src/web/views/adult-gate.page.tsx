import type { WorkBlurb } from '../../repositories/work-view.ts';
import { RequiredTags } from './blurb.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/** AO3's adult content notice, word for word, before a Mature, Explicit or Not Rated work. */
export function AdultGatePage({
  ctx,
  work,
  proceedHref,
}: {
  ctx: PageContext;
  work: WorkBlurb;
  proceedHref: string;
}) {
  return (
    <Layout ctx={ctx} title={work.title} noindex>
      <section class="adult-gate" aria-labelledby="gate-heading">
        <h1 id="gate-heading">{work.title}</h1>
        <RequiredTags work={work} />
        <p class="caution">
          This work could have adult content. If you continue, you have agreed that you are willing to see
          such content.
        </p>
        <p>Rating: {work.rating}</p>
        <ul class="actions">
          <li>
            <a class="button primary" href={proceedHref}>
              Proceed
            </a>
          </li>
          <li>
            <a class="button" href="/works">
              Back
            </a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}

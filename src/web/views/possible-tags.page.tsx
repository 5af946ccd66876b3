import type { PossibleTagView } from '../../services/moderation/possible-tags.service.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { TagQueue } from './wrangling.page.tsx';

/** Suggestions below the confidence threshold, with their passages, for a wrangler to add or dismiss. */
export function PossibleTagsPage({
  ctx,
  csrf,
  tags,
  page,
  more,
  notice,
}: {
  ctx: PageContext;
  csrf: string;
  tags: PossibleTagView[];
  page: number;
  more: boolean;
  notice?: string;
}) {
  return (
    <Layout ctx={ctx} title="Possible tags" noindex>
      <h1>Possible tags</h1>
      {notice ? <p role="status">{notice}</p> : null}
      <p>
        What Quire found on imported works but was not sure enough of to tag: a character named far less than
        the lead, a pairing with little on the page. They are not on the works. Adding one tags the work with
        it; dismissing it drops it.
      </p>
      {tags.length === 0 ? <p>No possible tags wait.</p> : null}
      <TagQueue
        path="/tags/wrangle/possible"
        csrf={csrf}
        tags={tags}
        page={page}
        more={more}
        decisions={[
          ['add', 'Add'],
          ['dismiss', 'Dismiss'],
        ]}
        describe={(index) => `(${Math.round((tags[index]?.confidence ?? 0) * 100)}% sure)`}
      />
    </Layout>
  );
}

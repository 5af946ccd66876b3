import type { KudosList } from '../../services/community/kudos.service.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/** What the work page shows of kudos: who left them, and the button (or why there is none). */
export interface KudosBox extends KudosList {
  workId: number;
  /** A member's form token; a guest's page is cached for every guest, so theirs leads to a form page. */
  csrf: string | null;
  canLeave: boolean;
  left: boolean;
}

/** "A, B and 3 guests left kudos on this work!" as AO3 words it. */
export function kudosSentence(list: KudosList): string | null {
  const names = [...list.members];
  if (list.guests > 0) names.push(`${list.guests} guest${list.guests === 1 ? '' : 's'}`);
  if (names.length === 0) return null;
  const last = names.pop() as string;
  return `${names.length > 0 ? `${names.join(', ')} and ${last}` : last} left kudos on this work!`;
}

export function KudosSection({ box }: { box: KudosBox }) {
  const sentence = kudosSentence(box);
  const action = `/works/${box.workId}/kudos`;
  return (
    <section class="kudos" aria-labelledby="kudos-heading">
      <h2 id="kudos-heading" class="sr-only">
        Kudos
      </h2>
      {box.left ? <p class="notice">You have already left kudos here. :)</p> : null}
      {box.canLeave && box.csrf !== null ? (
        <form method="post" action={action} class="kudos-form">
          <input type="hidden" name="_csrf" value={box.csrf} />
          <button type="submit">Kudos ♥</button>
        </form>
      ) : null}
      {box.canLeave && box.csrf === null ? (
        <form method="get" action={action} class="kudos-form">
          <button type="submit">Kudos ♥</button>
        </form>
      ) : null}
      {sentence ? <p class="kudos-list">{sentence}</p> : null}
    </section>
  );
}

/** A guest's kudos form: its own page, since the work page a guest sees is shared by all guests. */
export function GuestKudosPage({
  ctx,
  workId,
  title,
  csrf,
  left,
}: {
  ctx: PageContext;
  workId: number;
  title: string;
  csrf: string;
  left: boolean;
}) {
  return (
    <Layout ctx={ctx} title={`Kudos for ${title}`}>
      <h1>Kudos for {title}</h1>
      {left ? (
        <p class="notice">You have already left kudos here. :)</p>
      ) : (
        <form method="post" action={`/works/${workId}/kudos`}>
          <input type="hidden" name="_csrf" value={csrf} />
          <p>Leave kudos as a guest? Quire remembers it with a cookie, not your address.</p>
          <button type="submit">Kudos ♥</button>
        </form>
      )}
      <p>
        <a href={`/works/${workId}`}>Back to {title}</a>
      </p>
    </Layout>
  );
}

import { Type } from '@sinclair/typebox';
import { claimOffer } from '../../services/accounts/claim.service.ts';
import { relationTo } from '../../services/community/member-filter.service.ts';
import { creatorMemberId } from '../../services/community/subscription.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import { creatorFeedPath, creatorPath } from '../paths.ts';
import { sendPage } from '../render.ts';
import { CreatorsPage } from '../views/creators.page.tsx';
import { MemberActions } from '../views/member-filters.page.tsx';
import { ErrorPage } from '../views/pages.tsx';
import { PrivateFeedLink } from '../views/private-feed.tsx';
import { SubscribeButton } from '../views/subscribe-button.tsx';
import { WorksIndexPage } from '../views/works-index.page.tsx';
import { ListingQuery, runListing } from './works-listing.ts';

/**
 * The creator index, and a creator's page: their works with the works index's filters and sorts, and for a
 * name no member writes as (an import's), a link to claim it, or for a guest a prompt to log in first.
 */
export const creatorRoutes: AccountRoutePlugin = async (app, deps) => {
  const cached = { pageCache: true };

  app.get('/creators', { config: cached }, async (request, reply) =>
    sendPage(
      reply,
      <CreatorsPage
        ctx={deps.context(request)}
        creators={await deps.catalog.creators(await deps.viewer(request))}
      />,
    ),
  );

  app.get(
    '/creators/:name',
    {
      schema: {
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: ListingQuery,
      },
      config: cached,
    },
    async (request, reply) => {
      const { name } = request.params;
      const ctx = deps.context(request);
      if (!(await deps.catalog.creatorExists(name)))
        return sendPage(
          reply,
          <ErrorPage
            ctx={ctx}
            status={404}
            title="Creator not found"
            message={`No creator here is called "${name}". The creator index lists everyone with works here.`}
          />,
          404,
        );
      // Members' pages are never cached (page-cache.ts), so a guest's prompt is the only answer kept.
      const viewer = await deps.viewer(request);
      const listing = await runListing(deps, request, {
        heading: `Works by ${name}`,
        basePath: creatorPath(name),
        fixedCreator: name,
      });
      listing.feeds = [{ title: `New works by ${name}`, href: creatorFeedPath(name) }];
      // A name no member writes as (an import's) posts nothing new: there is nothing to follow.
      const memberId = await creatorMemberId(deps.store.db, name);
      listing.intro = (
        <>
          <p class="tag-intro">
            <a href={creatorFeedPath(name)}>Atom feed of new works by {name}</a>
            {viewer ? (
              <>
                {' '}
                <PrivateFeedLink feed={creatorFeedPath(name)} />
              </>
            ) : null}
          </p>
          <ClaimLink name={name} offer={await claimOffer(deps.store.db, viewer, name)} />
          {memberId === null ? null : (
            <MemberActions
              userId={memberId}
              csrf={viewer ? reply.generateCsrf() : null}
              relation={await relationTo(deps.store.db, viewer, memberId)}
              returnTo={request.url}
            />
          )}
          {memberId === null ? null : (
            <SubscribeButton
              box={{
                kind: 'creator',
                targetId: memberId,
                label: name,
                subscribed: (await deps.catalog.subscribed('creator', memberId, viewer)) === true,
                csrf: viewer ? reply.generateCsrf() : null,
                returnTo: creatorPath(name),
              }}
            />
          )}
        </>
      );
      return sendPage(reply, <WorksIndexPage ctx={ctx} listing={listing} />);
    },
  );
};

function ClaimLink({ name, offer }: { name: string; offer: 'claim' | 'log-in' | null }) {
  if (offer === null) return null;
  const claim = `${creatorPath(name)}/claim`;
  return (
    <p class="claim-link">
      {offer === 'claim' ? (
        <a href={claim}>This is me: claim this name</a>
      ) : (
        <>
          Are these your works? <a href={`/login?return_to=${encodeURIComponent(claim)}`}>Log in</a> to claim
          the name {name}.
        </>
      )}
    </p>
  );
}

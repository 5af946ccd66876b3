/**
 * Who a listing is shown to. Listings, counts, facets, feeds, OPDS and search show posted works only: a draft
 * is reached by its creators and a hidden work by admins, by address. A work restricted to members is listed
 * for members only.
 */
export type Audience = 'public' | 'members';

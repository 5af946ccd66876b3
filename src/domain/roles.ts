/** What a member may be: the role decides what the authorization policy lets them do. */
export const ROLES = ['member', 'wrangler', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const WORK_STATUSES = ['draft', 'posted', 'hidden'] as const;
/** `draft`: seen by its creators only; `posted`: public (or members only when restricted); `hidden`: admins only. */
export type WorkStatus = (typeof WORK_STATUSES)[number];

import type { Role } from '../../db/accounts.tables.ts';

/** Who is acting: a guest (null) or a logged-in member with their role and whether they are suspended. */
export type Actor = Member | null;

export interface Member {
  userId: number;
  name: string;
  role: Role;
  suspended: boolean;
  /** When a suspension ends (ISO 8601), for the messages that say until when. */
  suspendedUntil?: string | null;
}

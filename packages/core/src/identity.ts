export const ROLES = ['POSTER', 'TASKER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as the gateway established it. `userId` is null for anonymous callers. */
export interface Identity {
  userId: string | null;
  roles: Role[];
  /** The client's address as the gateway saw it, for per-IP limits. */
  ip: string | null;
}

export const ANONYMOUS: Identity = { userId: null, roles: [], ip: null };

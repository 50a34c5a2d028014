import { requireCaller } from '@sx/events';
import { emptyConnection, parsePageArgs, parseTimePageArgs, requireRole, toConnection } from '@sx/core';
import { suspendUser, unsuspendUser } from '../commands/suspend-user.js';
import type { UsersDeps } from '../deps.js';
import { auditFilterMatchesNothing, parseAuditFilter } from '../domain/audit.js';
import { parseSuspensionReason } from '../domain/suspension.js';
import type { AuditEntryResolvers, MutationResolvers, QueryResolvers } from '../generated/resolvers-types.js';
import type { AuditRow } from '../loaders.js';

/** Administrators' mutations: each refuses anyone without the ADMIN role (FORBIDDEN) first. */
export function adminMutations(deps: UsersDeps): Pick<MutationResolvers, 'suspendUser' | 'unsuspendUser'> {
  return {
    suspendUser: async (_root, args, ctx) => {
      const caller = requireCaller(ctx.identity, 'ADMIN');
      const user = await suspendUser(deps, { caller, userId: args.userId, reason: parseSuspensionReason(args.reason), requestId: ctx.requestId ?? null });
      ctx.log.info({ userId: user.id }, 'user suspended');
      return user;
    },
    unsuspendUser: async (_root, args, ctx) => {
      const caller = requireCaller(ctx.identity, 'ADMIN');
      const user = await unsuspendUser(deps, { caller, userId: args.userId, requestId: ctx.requestId ?? null });
      ctx.log.info({ userId: user.id }, 'user unsuspended');
      return user;
    },
  };
}

const auditPosition = (row: AuditRow) => ({ key: row.occurredAt.toISOString(), id: row.id });

export const adminQueries: Pick<QueryResolvers, 'users' | 'auditLog'> = {
  users: async (_root, args, ctx) => {
      requireRole(ctx.identity, 'ADMIN');
      const page = parsePageArgs(args);
      const search = args.filter?.search?.trim() || null;
      const rows = await ctx.loaders.userPage({ search, suspended: args.filter?.suspended ?? null }, page);
      return toConnection(rows, page.limit, (row) => ({ key: row.createdAt.toISOString(), id: row.id }));
    },
  auditLog: async (_root, args, ctx) => {
      requireRole(ctx.identity, 'ADMIN');
      const page = parseTimePageArgs(args);
      const filter = parseAuditFilter(args.filter ?? {});
      if (auditFilterMatchesNothing(filter)) return emptyConnection();
      return toConnection(await ctx.loaders.auditPage(filter, page), page.limit, auditPosition);
    },
};

export const auditEntryResolvers: AuditEntryResolvers = {
  actor: (entry, _args, ctx) => (entry.actorId ? ctx.loaders.user.load(entry.actorId) : null),
  targetUser: (entry, _args, ctx) => (entry.targetKind === 'USER' ? ctx.loaders.user.load(entry.targetId) : null),
};

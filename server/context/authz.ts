// The scope rules: a grant covers its org and everything below it.
import { fail } from '../../src/core/errors'
import type { Role } from '../../src/core/contracts'
import type { OrgDoc } from '../model/org'
import type { Ctx } from './caller'

/** Does one of the caller's grants with these roles cover the org (the org itself or an ancestor)? */
export function covers(ctx: Ctx, roles: readonly Role[], org: OrgDoc): boolean {
  return ctx.grants.some((g) => roles.includes(g.role) && (g.scopeId === org._id || org.path.includes(g.scopeId)))
}

export function requireScope(ctx: Ctx, roles: readonly Role[], org: OrgDoc, what = '该范围'): void {
  if (!covers(ctx, roles, org)) fail('FORBIDDEN', `无权访问${what}（${org.name}）`)
}

export const ADMIN_ROLES: readonly Role[] = ['community_admin', 'street_admin', 'county_admin']

/** Who reads the members, scores and ledger of a scope: secretaries of its branches and admins above them. */
export const SCOPE_READERS: readonly Role[] = ['estate_secretary', 'unit_secretary', ...ADMIN_ROLES]

// Who is calling: their grants and the member they registered as, loaded once per request.
import { fail } from '../../src/core/errors'
import type { Caller } from '../../src/core/contracts'
import { COUNTY_ID, type GrantDoc, type MemberDoc } from '../model/org'
import type { Deps } from './deps'

export interface Ctx {
  openid: string
  now: number
  grants: GrantDoc[]
  member: MemberDoc | null
}

export async function loadCtx(deps: Deps, openid: string): Promise<Ctx> {
  const [grants, binding] = await Promise.all([deps.store.find('grants', { openid }), deps.store.get('bindings', openid)])
  if (deps.adminOpenids.has(openid) && !grants.some((g) => g.role === 'county_admin')) {
    grants.push({ _id: `${openid}:county_admin:${COUNTY_ID}`, openid, role: 'county_admin', scopeId: COUNTY_ID })
  }
  const member = binding ? await deps.store.get('members', binding.memberId) : null
  return { openid, now: deps.clock.now(), grants, member }
}

export function isActiveMember(ctx: Ctx): boolean {
  return ctx.member !== null && ctx.member.status === 'active'
}

/** Whether the caller holds any role the action declares (scope is checked by the use case). */
export function mayCall(ctx: Ctx, who: readonly Caller[]): boolean {
  return who.some((c) => (c === 'anyone' ? true : c === 'member' ? isActiveMember(ctx) : ctx.grants.some((g) => g.role === c)))
}

/**
 * The caller's member record, for actions only members may call (the app refuses anyone else before the use
 * case runs, so the refusal here is a second line).
 */
export function memberOf(ctx: Ctx): MemberDoc {
  if (!ctx.member) return fail('FORBIDDEN', '请先完成双报到并通过审核')
  return ctx.member
}

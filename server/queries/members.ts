// Reads of members shared by several actions: who an openid is, and the member list an org's readers see.
import type { MemberStatus, MemberView } from '../../src/core/api-types'
import { maskPhone } from '../../src/core/privacy'
import { toIsoShanghai } from '../../src/core/time'
import { covers } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import type { MemberDoc, OrgDoc } from '../model/org'
import type { Store } from '../ports/store.port'
import { findMembersIn, getOrg, orgsUnder } from './orgs'

/** A name to show for an openid: the member it is bound to, else `fallback` (the role it acted in). */
export async function nameOfOpenid(store: Store, openid: string, fallback: string): Promise<string> {
  const binding = await store.get('bindings', openid)
  const member = binding ? await store.get('members', binding.memberId) : null
  return member ? member.name : fallback
}

function toView(m: MemberDoc, fullPhone: boolean): MemberView {
  return {
    id: m._id,
    name: m.name,
    phone: fullPhone ? m.phone : maskPhone(m.phone),
    unitBranchId: m.unitBranchId,
    estateBranchId: m.estateBranchId ?? '',
    status: m.status,
    ...(m.registeredAt ? { registeredAt: toIsoShanghai(m.registeredAt) } : {}),
  }
}

/** The member's own secretaries see the full phone number; everyone else sees it masked. */
async function isOwnSecretary(ctx: Ctx, deps: Deps, m: MemberDoc): Promise<boolean> {
  const estate = m.estateBranchId ? await getOrg(deps.store, m.estateBranchId) : null
  const unit = await getOrg(deps.store, m.unitBranchId)
  return (!!estate && covers(ctx, ['estate_secretary'], estate)) || (!!unit && covers(ctx, ['unit_secretary'], unit))
}

/** The members of an org's estates and unit branches the way its readers see them (full phone only to their own secretaries). */
export async function memberViewsUnder(ctx: Ctx, deps: Deps, scope: OrgDoc, status?: MemberStatus): Promise<MemberView[]> {
  const under = await orgsUnder(deps.store, scope)
  const estates = under.filter((o) => o.kind === 'estate').map((o) => o._id)
  const units = under.filter((o) => o.kind === 'unitBranch').map((o) => o._id)
  const extra: Record<string, string> = status ? { status } : {}
  const found = new Map<string, MemberDoc>()
  for (const m of await findMembersIn(deps.store, 'estateBranchId', estates, extra)) found.set(m._id, m)
  for (const m of await findMembersIn(deps.store, 'unitBranchId', units, extra)) found.set(m._id, m)
  const rows = [...found.values()].filter((m) => m.status !== 'directory').sort((a, b2) => a.name.localeCompare(b2.name, 'zh'))
  const out: MemberView[] = []
  for (const m of rows) out.push(toView(m, await isOwnSecretary(ctx, deps, m)))
  return out
}

// Who the caller is: their member record and roles, with names.
import type { BodyOf } from '../../src/core/contracts'
import type { MeData } from '../../src/core/api-types'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { getOrg } from '../queries/orgs'

export async function meGet(_b: BodyOf<'me.get'>, ctx: Ctx, deps: Deps): Promise<MeData> {
  const data: MeData = { openid: ctx.openid, roles: [] }
  const m = ctx.member
  if (m) {
    const [unit, estate] = await Promise.all([getOrg(deps.store, m.unitBranchId), m.estateBranchId ? getOrg(deps.store, m.estateBranchId) : null])
    data.member = {
      id: m._id,
      name: m.name,
      phone: m.phone,
      unitBranchId: m.unitBranchId,
      estateBranchId: m.estateBranchId ?? '',
      status: m.status,
      unitBranchName: unit?.name,
      estateBranchName: estate?.name,
    }
  }
  for (const g of ctx.grants) {
    const org = await getOrg(deps.store, g.scopeId)
    data.roles.push({ role: g.role, scopeId: g.scopeId, scopeName: org?.name })
  }
  return data
}

// The org tree, for pickers.
import type { BodyOf } from '../../src/core/contracts'
import type { OrgView } from '../../src/core/api-types'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'

export async function orgList(b: BodyOf<'org.list'>, _ctx: Ctx, deps: Deps): Promise<OrgView[]> {
  const orgs = await deps.store.find('orgs', b.kind ? { kind: b.kind } : {}, { orderBy: { field: '_id', dir: 'asc' } })
  return orgs.map((o) => ({ id: o._id, kind: o.kind, name: o.name, ...(o.parentId ? { parentId: o.parentId } : {}) }))
}

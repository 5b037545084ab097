// Reads of the org tree, and of documents by a list of values (members of some branches, entries of some members).
import { fail } from '../../src/core/errors'
import type { OrgKind } from '../../src/core/contracts'
import type { DocOf } from '../model/documents'
import { COUNTY_ID, type OrgDoc } from '../model/org'
import { OneOf, type Collection, type Filter, type Store, type TxStore } from '../ports/store.port'

export async function getOrg(store: Store | TxStore, id: string): Promise<OrgDoc | null> {
  return store.get('orgs', id)
}

export async function requireOrg(store: Store, id: string, kind: OrgKind | OrgKind[], label: string): Promise<OrgDoc> {
  const org = await getOrg(store, id)
  const kinds = Array.isArray(kind) ? kind : [kind]
  if (!org || !kinds.includes(org.kind)) fail('NOT_FOUND', `${label}不存在：${id}`, { id })
  return org
}

/** Every org below (and including) `root`, loaded once; org trees are small (hundreds of nodes). */
export async function orgsUnder(store: Store, root: OrgDoc): Promise<OrgDoc[]> {
  const all = await store.find('orgs', {})
  return all.filter((o) => o._id === root._id || o.path.includes(root._id))
}

/** Finds documents whose `field` is one of `values`, in chunks the cloud database accepts. */
export async function findIn<C extends Collection>(store: Store, coll: C, field: string, values: string[], extra: Filter = {}): Promise<DocOf<C>[]> {
  const out: DocOf<C>[] = []
  for (let i = 0; i < values.length; i += 500) {
    out.push(...(await store.find(coll, { [field]: new OneOf(values.slice(i, i + 500)), ...extra })))
  }
  return out
}

export const findMembersIn = (store: Store, field: 'estateBranchId' | 'unitBranchId', ids: string[], extra: Filter = {}) =>
  findIn(store, 'members', field, ids, extra)

/** The county, root of the tree (created with the system, so missing only before initialisation). */
export async function requireCounty(store: Store): Promise<OrgDoc> {
  const county = await getOrg(store, COUNTY_ID)
  if (!county) fail('NOT_FOUND', '县级组织不存在，请先初始化')
  return county
}

// Which scopes an admin may pick: their own org and everything under it (a county admin: the whole county).
import type { OrgView } from '@/core/api-types'
import type { PickerOption } from '@/components/OptionPicker'

const KIND_LABEL: Record<string, string> = { county: '县', street: '街道', community: '社区', estate: '小区' }
const KIND_ORDER = ['county', 'street', 'community', 'estate']

/** Orgs at or under `roots` (orgs without a parent hang under the county), as picker options, county first. */
export function scopeOptions(orgs: OrgView[], roots: string[]): PickerOption[] {
  const countyId = orgs.find((o) => o.kind === 'county')?.id
  const parentOf = (o: OrgView) => o.parentId ?? (o.kind === 'county' ? undefined : countyId)
  const byId = new Map(orgs.map((o) => [o.id, o]))
  const within = (o: OrgView) => {
    for (let cur: OrgView | undefined = o, hops = 0; cur && hops < 10; hops++) {
      if (roots.includes(cur.id)) return true
      const p = parentOf(cur)
      cur = p ? byId.get(p) : undefined
    }
    return false
  }
  return orgs
    .filter((o) => o.kind in KIND_LABEL && within(o))
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))
    .map((o) => ({ value: o.id, label: `${KIND_LABEL[o.kind]} · ${o.name}` }))
}

export const percent = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : `${n}%`)

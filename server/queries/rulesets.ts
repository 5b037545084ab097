// Which version of an estate's 积分明细 is in force: for the year, and on a given day.
import type { VersionTerms } from '../../src/core/scoring'
import type { RuleSetDoc } from '../model/ruleset'
import type { Store } from '../ports/store.port'

export async function rulesetsOf(store: Store, estateBranchId: string, year: number): Promise<RuleSetDoc[]> {
  return store.find('rulesets', { estateBranchId, year }, { orderBy: { field: 'version', dir: 'asc' } })
}

/** The version in force for the year: the adopted one with the latest adoption date (then the highest version). */
export function currentOf(rulesets: RuleSetDoc[]): RuleSetDoc | null {
  return inForceOn(rulesets, '9999-12-31')
}

export async function currentRuleset(store: Store, estateBranchId: string, year: number): Promise<RuleSetDoc | null> {
  return currentOf(await rulesetsOf(store, estateBranchId, year))
}

/**
 * The version in force on a day (YYYY-MM-DD): the adopted one with the latest adoption date on or before it.
 * Before the year's first 党员大会 the first adopted version applies (it is what the branch works to from
 * 1 January). An entry is earned under the version in force on the day of the service.
 */
export function inForceOn(rulesets: RuleSetDoc[], day: string): RuleSetDoc | null {
  const adopted = rulesets.filter((r) => r.status === 'adopted')
  adopted.sort((a, b) => (a.adoptedOn ?? '').localeCompare(b.adoptedOn ?? '') || a.version - b.version)
  const upTo = adopted.filter((r) => (r.adoptedOn ?? '') <= day)
  return upTo[upTo.length - 1] ?? adopted[0] ?? null
}

export async function rulesetInForce(store: Store, estateBranchId: string, year: number, day: string): Promise<RuleSetDoc | null> {
  return inForceOn(await rulesetsOf(store, estateBranchId, year), day)
}

/** Scoring's view of adopted versions: their terms, ordered by adoption date (then version). */
export function versionTerms(rulesets: Iterable<RuleSetDoc>): Map<string, VersionTerms> {
  const out = new Map<string, VersionTerms>()
  for (const r of rulesets) {
    if (r.status !== 'adopted') continue
    const day = Number((r.adoptedOn ?? '0000-00-00').replace(/-/g, ''))
    out.set(r._id, { order: day * 1000 + r.version, terms: r })
  }
  return out
}

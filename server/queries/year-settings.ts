// The county's settings of a year, and the lock that finalisation puts on it.
import { fail } from '../../src/core/errors'
import { DEFAULT_BANDS, DEFAULT_WEIGHTS } from '../../src/core/scoring'
import type { YearSettingsDoc } from '../model/year'
import type { Store, TxStore } from '../ports/store.port'

export async function yearSettings(store: Store | TxStore, year: number): Promise<YearSettingsDoc> {
  const doc = await store.get('settings', `year_${year}`)
  return doc ?? { _id: `year_${year}`, year, weights: DEFAULT_WEIGHTS, bands: DEFAULT_BANDS, locked: false }
}

export async function assertYearOpen(store: Store | TxStore, year: number): Promise<void> {
  if ((await yearSettings(store, year)).locked) fail('YEAR_LOCKED', `${year} 年度已定稿锁定，只能通过审计调整更正`)
}

// Exact scoring (docs/DESIGN.md#the-two-halves-and-exact-scoring). Every score is an integer number of hundredths; weights are integer basis points
// (1/10000). No binary floating point ever touches a stored value or a sum.

export type Hundredths = number
export type BasisPoints = number

export interface Weights {
  unit: BasisPoints
  estate: BasisPoints
}
export const DEFAULT_WEIGHTS: Weights = { unit: 5000, estate: 5000 }

export interface Band {
  name: string
  min: Hundredths
}
/** Highest first. */
export const DEFAULT_BANDS: Band[] = [
  { name: '优秀', min: 9000 },
  { name: '合格', min: 7000 },
  { name: '基本合格', min: 6000 },
  { name: '不合格', min: 0 },
]

/** Rounds numerator/denominator half-up (away from zero for negatives), both integers, denominator > 0. */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError('divRoundHalfUp needs safe integers and a positive denominator')
  }
  const sign = numerator < 0 ? -1 : 1
  const n = Math.abs(numerator)
  const q = Math.floor(n / denominator)
  const r = n - q * denominator
  return sign * (2 * r >= denominator ? q + 1 : q)
}

/** A score in hundredths as a JSON number with at most 2 decimals (8725 → 87.25). */
export function toNumber(h: Hundredths): number {
  return Math.round(h) / 100
}

/** Display text with exactly two decimals, computed from integers (8863 → "88.63"). */
export function formatScore(h: Hundredths | null | undefined): string {
  if (h === null || h === undefined) return '—'
  const sign = h < 0 ? '-' : ''
  const a = Math.abs(h)
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`
}

/** Unit score on its own full scale, normalised to 100 and rounded half-up to hundredths. */
export function normaliseUnitScore(raw: Hundredths, fullScale: Hundredths): Hundredths {
  if (fullScale <= 0) throw new RangeError('fullScale must be positive')
  return divRoundHalfUp(raw * 10000, fullScale)
}

export function weightToNumber(w: BasisPoints): number {
  return w / 10000
}

export interface TotalResult {
  total: Hundredths | null
  complete: boolean
}

/**
 * total = w_unit × unit + w_estate × estate, rounded half-up to hundredths.
 * A missing unit score makes the total incomplete (null), never 0.
 */
export function computeTotal(unit: Hundredths | null, estate: Hundredths, w: Weights = DEFAULT_WEIGHTS): TotalResult {
  if (w.unit + w.estate !== 10000) throw new RangeError('weights must sum to 1')
  if (unit === null) return { total: null, complete: false }
  return { total: divRoundHalfUp(w.unit * unit + w.estate * estate, 10000), complete: true }
}

export function bandOf(total: Hundredths | null, bands: Band[] = DEFAULT_BANDS): string | null {
  if (total === null) return null
  for (const b of bands) if (total >= b.min) return b.name
  return bands[bands.length - 1]?.name ?? null
}

export interface RuleItem {
  code: string
  name: string
  category: string
  /** Points per time, or per hour when perHour (hundredths; negative for 负面清单 deductions). */
  points: Hundredths
  perHour?: boolean
  capPerYear?: Hundredths
  requiresApproval?: boolean
  evidenceRequired?: boolean
}

export interface RuleSetTerms {
  baseScore: Hundredths
  fullScore: Hundredths
  items: RuleItem[]
  categoryCaps?: Record<string, Hundredths>
  /** 0–10000 basis points; default 6000 (60 %). */
  minPresenceRatio?: BasisPoints
}

export interface ScoredEntry {
  itemCode: string
  category: string
  points: Hundredths
  /** The rule-set version the entry was earned under ('' or absent for adjustments). */
  rulesetId?: string
}

/**
 * A rule-set version as scoring sees it: its terms, and its place in time (`order`, increasing with the
 * adoption date) — the caps of a later version apply from its adoption on, never back to earlier entries.
 */
export interface VersionTerms {
  order: number
  terms: RuleSetTerms
}

export interface LedgerLike extends ScoredEntry {
  _id: string
  /** Set on a reversal entry: the id of the entry it cancels. */
  reverses?: string
}

/**
 * Cancels reversed entries against their originals before anything is capped: revoking one of six capped
 * activities must leave the cap reached, not subtract from it. Both entries stay in the ledger.
 */
export function netReversals<T extends LedgerLike>(entries: T[]): T[] {
  const reversed = new Set(entries.filter((e) => e.reverses).map((e) => e.reverses as string))
  return entries.filter((e) => !e.reverses && !reversed.has(e._id))
}

export interface EstateScoreBreakdown {
  estateScore: Hundredths
  byItem: Record<string, Hundredths>
  byCategory: Record<string, Hundredths>
  raw: Hundredths
}

/**
 * estateScore = clamp(base + Σ capped entries, 0, full). Positive points are capped per item, then per
 * category; deductions (negative points) are never reduced by a cap. Base and full score are those of `terms`
 * (the version in force for the year).
 *
 * Each entry is capped under the version it was earned under (`versions`, by `rulesetId`; `terms` when unknown),
 * taking versions in the order they were adopted: an item's points so far count against the cap of the
 * version of each later entry. So a new version's caps apply from its adoption date — a lower cap does not
 * take back points earned before it, a higher one lets later entries reach it. With one version this is
 * simply min(Σ, cap) per item and per category.
 */
export function computeEstateScore(terms: RuleSetTerms, entries: ScoredEntry[], versions?: ReadonlyMap<string, VersionTerms>): EstateScoreBreakdown {
  const versionOf = (e: ScoredEntry) => (e.rulesetId && versions?.get(e.rulesetId)) || null
  const gains = entries.filter((e) => e.points >= 0)
  if (versions?.size) {
    // Stable: entries of the same version keep their order, which cannot change their capped sum.
    const order = (e: ScoredEntry) => versionOf(e)?.order ?? Number.MAX_SAFE_INTEGER
    gains.sort((a, b) => order(a) - order(b))
  }
  // Names are user text ("constructor" is a fine category name), so they index Maps, never plain objects.
  const byItem = new Map<string, Hundredths>()
  const catGain = new Map<string, number>()
  for (const e of gains) {
    const t = versionOf(e)?.terms ?? terms
    // An item the earning version does not list (an adjustment, say) takes the cap of the version in force.
    const cap = listed(t, e.itemCode) || t === terms ? capOf(t, e.itemCode) : capOf(terms, e.itemCode)
    const soFar = byItem.get(e.itemCode) ?? 0
    const credit = cap !== undefined ? Math.max(0, Math.min(e.points, cap - soFar)) : e.points
    byItem.set(e.itemCode, soFar + credit)
    const catCap = categoryCapOf(t, e.category)
    const catSoFar = catGain.get(e.category) ?? 0
    catGain.set(e.category, catSoFar + (catCap !== undefined ? Math.max(0, Math.min(credit, catCap - catSoFar)) : credit))
  }
  const losses = new Map<string, number>()
  for (const e of entries) if (e.points < 0) losses.set(e.category, (losses.get(e.category) ?? 0) + e.points)
  const byCategory = new Map<string, Hundredths>()
  let raw = terms.baseScore
  for (const [cat, sum] of catGain) {
    byCategory.set(cat, sum)
    raw += sum
  }
  for (const [cat, loss] of losses) {
    byCategory.set(cat, (byCategory.get(cat) ?? 0) + loss)
    raw += loss
  }
  const estateScore = Math.max(0, Math.min(terms.fullScore, raw))
  // Object.fromEntries defines own properties, so even a "__proto__" category survives into the result.
  return { estateScore, byItem: Object.fromEntries(byItem), byCategory: Object.fromEntries(byCategory), raw }
}

// Item caps by code, built once per version's terms (a tally scores thousands of members under a few versions).
const capsCache = new WeakMap<RuleSetTerms, Map<string, Hundredths | undefined>>()
function capsOf(t: RuleSetTerms): Map<string, Hundredths | undefined> {
  let caps = capsCache.get(t)
  if (!caps) {
    caps = new Map(t.items.map((i) => [i.code, i.capPerYear ?? undefined]))
    capsCache.set(t, caps)
  }
  return caps
}
const listed = (t: RuleSetTerms, code: string): boolean => capsOf(t).has(code)
const capOf = (t: RuleSetTerms, code: string): Hundredths | undefined => capsOf(t).get(code) ?? undefined
function categoryCapOf(t: RuleSetTerms, category: string): Hundredths | undefined {
  return t.categoryCaps && Object.prototype.hasOwnProperty.call(t.categoryCaps, category) ? t.categoryCaps[category] : undefined
}

/** Competition ranking (1, 2, 2, 4) by total, highest first; incomplete rows get null. */
export function rankBy<T>(rows: T[], total: (r: T) => Hundredths | null): Map<T, number | null> {
  const ranked = rows.filter((r) => total(r) !== null).sort((a, b) => (total(b) as number) - (total(a) as number))
  const out = new Map<T, number | null>()
  let prev: number | null = null
  let rank = 0
  ranked.forEach((r, i) => {
    const t = total(r) as number
    if (t !== prev) rank = i + 1
    prev = t
    out.set(r, rank)
  })
  for (const r of rows) if (!out.has(r)) out.set(r, null)
  return out
}

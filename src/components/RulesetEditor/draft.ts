// The 积分明细 editor's state: text as typed, turned into a `ruleset.save` (or, for the county template,
// `ruleset.saveTemplate`) body only when every field makes sense,
// with messages that name the item ("第 2 条细则…") rather than a schema path.
import type { RuleItemView, RuleSetView } from '@/core/api-types'
import { ACTIONS } from '@/core/contracts'
import type { RuleTemplateView } from '@/core/template'
import type { RequestOf } from '@/services/api'
import { parseScore, parseSignedScore } from '@/utils/format'

export interface DraftItem {
  /** Stable while editing (the code it started with, or new-N), so the row keeps its identity when the code changes. */
  key: string
  code: string
  name: string
  category: string
  points: string
  perHour: boolean
  capPerYear: string
  requiresApproval: boolean
  evidenceRequired: boolean
}

export interface Draft {
  /** What the draft started from, e.g. "第 1 版" or "县级模板". */
  from: string
  baseScore: string
  fullScore: string
  /** Minimum presence for hour-based items, in percent. */
  presencePct: string
  items: DraftItem[]
  /** Category → cap as typed; blank means no cap. */
  categoryCaps: Record<string, string>
}

/** What a draft can start from: a version, or the county's template (`ruleset.template`), in view units. */
export type DraftSource = Pick<RuleSetView, 'baseScore' | 'fullScore' | 'minPresenceRatio' | 'items' | 'categoryCaps'>

/** How a draft from the county template names its origin: who last saved it and when, or the built-in one. */
export function templateLabel(t: Pick<RuleTemplateView, 'source' | 'savedAt' | 'year' | 'templateYear'>): string {
  if (t.source !== 'county' || !t.savedAt) return '县级模板（系统默认）'
  const older = t.templateYear !== undefined && t.templateYear !== t.year ? `，沿用 ${t.templateYear} 年度` : ''
  return `县级模板（县委组织部 ${t.savedAt.slice(0, 10)} 更新${older}）`
}

const text = (n: number | undefined) => (n === undefined ? '' : String(n))

export function draftItem(i: RuleItemView): DraftItem {
  return {
    key: i.code,
    code: i.code,
    name: i.name,
    category: i.category,
    points: text(i.points),
    perHour: !!i.perHour,
    capPerYear: text(i.capPerYear),
    requiresApproval: i.requiresApproval !== false,
    evidenceRequired: !!i.evidenceRequired,
  }
}

export function draftFrom(src: DraftSource, from: string): Draft {
  return {
    from,
    baseScore: text(src.baseScore),
    fullScore: text(src.fullScore),
    presencePct: text(Math.round(src.minPresenceRatio * 10000) / 100),
    items: src.items.map(draftItem),
    categoryCaps: Object.fromEntries(Object.entries(src.categoryCaps ?? {}).map(([k, v]) => [k, text(v)])),
  }
}

let counter = 0
export function blankItem(): DraftItem {
  counter += 1
  return {
    key: `new-${counter}`,
    code: '',
    name: '',
    category: '',
    points: '',
    perHour: false,
    capPerYear: '',
    requiresApproval: true,
    evidenceRequired: false,
  }
}

/**
 * A draft from nothing: one empty item row to fill in. The terms start where the schema and the server expect
 * them: 满分 100 (the estate part is a 百分制 score, schema max), 基础分 60 (within 0–满分, what the county uses) and
 * the server's default minimum presence of 60 % for hour-based items.
 */
export function blankDraft(): Draft {
  return { from: '空白模板', baseScore: '60', fullScore: '100', presencePct: '60', items: [blankItem()], categoryCaps: {} }
}

/** Categories of the draft's items, in first-seen order (the ones a cap can be set for). */
export function categoriesOf(d: Draft): string[] {
  return [...new Set(d.items.map((i) => i.category.trim()).filter(Boolean))]
}

export type BuildResult = { body: RequestOf<'ruleset.save'>; error?: undefined } | { error: string; body?: undefined }
export type TemplateBuildResult = { body: RequestOf<'ruleset.saveTemplate'>; error?: undefined } | { error: string; body?: undefined }

export function buildSaveBody(d: Draft, estateBranchId: string, year: number): BuildResult {
  const built = buildTemplateBody(d, year)
  if (built.error !== undefined) return built
  const body: RequestOf<'ruleset.save'> = { estateBranchId, ...built.body }
  try {
    ACTIONS['ruleset.save'].body.parse(body, '')
  } catch (err) {
    return { error: err instanceof Error ? err.message : '请检查填写内容' }
  }
  return { body }
}

/** The county template's `ruleset.saveTemplate` body: the same terms and checks as an estate's draft. */
export function buildTemplateBody(d: Draft, year: number): TemplateBuildResult {
  const fail = (error: string): TemplateBuildResult => ({ error })
  const base = parseScore(d.baseScore)
  const full = parseScore(d.fullScore)
  if (base === null || base > 100) return fail('基础分应为 0–100，最多两位小数')
  if (full === null || full < 1 || full > 100) return fail('满分应为 1–100，最多两位小数')
  if (base > full) return fail('基础分不能大于满分')
  const pct = parseScore(d.presencePct)
  if (pct === null || pct > 100) return fail('最低在场比例应为 0–100 之间的百分数')
  if (!d.items.length) return fail('至少需要一条积分细则')
  if (d.items.length > 100) return fail('积分细则最多 100 条')
  const codes = new Set<string>()
  const items: RequestOf<'ruleset.saveTemplate'>['items'] = []
  for (const [k, i] of d.items.entries()) {
    const at = `第 ${k + 1} 条细则`
    const code = i.code.trim()
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(code)) return fail(`${at}：编号只能用字母、数字、下划线或连字符，如 V04`)
    if (codes.has(code)) return fail(`${at}：编号 ${code} 重复`)
    codes.add(code)
    const name = i.name.trim()
    if (!name || name.length > 40) return fail(`${at}（${code}）：请填写名称（40 字以内）`)
    const category = i.category.trim()
    if (!category || category.length > 40) return fail(`${at}（${code}）：请填写类别（40 字以内）`)
    const points = parseSignedScore(i.points)
    if (points === null || points === 0 || points < -100 || points > 100)
      return fail(`${at}（${code}）：分值应为 -100 到 100 之间的非零数，负数为扣分`)
    const item: RequestOf<'ruleset.saveTemplate'>['items'][number] = { code, name, category, points, requiresApproval: i.requiresApproval }
    if (i.perHour) item.perHour = true
    if (i.evidenceRequired) item.evidenceRequired = true
    if (i.capPerYear.trim()) {
      const cap = parseScore(i.capPerYear)
      if (cap === null || cap > 100) return fail(`${at}（${code}）：年度上限应为 0–100，不限则留空`)
      item.capPerYear = cap
    }
    items.push(item)
  }
  const caps: Record<string, number> = {}
  for (const c of categoriesOf(d)) {
    const typed = (d.categoryCaps[c] ?? '').trim()
    if (!typed) continue
    const cap = parseScore(typed)
    if (cap === null || cap > 100) return fail(`类别“${c}”的上限应为 0–100，不限则留空`)
    caps[c] = cap
  }
  const body: RequestOf<'ruleset.saveTemplate'> = { year, baseScore: base, fullScore: full, items, minPresenceRatio: Math.round(pct * 100) / 10000 }
  if (Object.keys(caps).length) body.categoryCaps = caps
  try {
    ACTIONS['ruleset.saveTemplate'].body.parse(body, '')
  } catch (err) {
    return fail(err instanceof Error ? err.message : '请检查填写内容')
  }
  return { body }
}

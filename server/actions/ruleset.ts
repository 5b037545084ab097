// 积分明细: versioned per estate and year; a draft binds nobody until the 党员大会 adopts it, and an adopted
// version never changes.
import { fail } from '../../src/core/errors'
import { shanghaiDate } from '../../src/core/working-days'
import type { BodyOf } from '../../src/core/contracts'
import type { RuleSetView } from '../../src/core/api-types'
import type { RuleItem } from '../../src/core/scoring'
import { DEFAULT_TEMPLATE, templateTermsView, type RuleTemplateView, type TemplateTerms } from '../../src/core/template'
import { toIsoShanghai } from '../../src/core/time'
import { DocumentExists, type Store } from '../ports/store.port'
import { auditDoc } from '../context/audit'
import { ADMIN_ROLES, covers, requireScope } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import type { RuleSetDoc, TemplateDoc } from '../model/ruleset'
import { nameOfOpenid } from '../queries/members'
import { requireCounty, requireOrg } from '../queries/orgs'
import { currentOf, rulesetsOf } from '../queries/rulesets'
import { assertYearOpen } from '../queries/year-settings'

export const DEFAULT_MIN_PRESENCE = 6000

export function rulesetView(r: RuleSetDoc): RuleSetView {
  const view: RuleSetView = {
    id: r._id,
    estateBranchId: r.estateBranchId,
    year: r.year,
    version: r.version,
    status: r.status,
    ...templateTermsView(r),
  }
  if (r.adoptedOn) view.adoptedOn = r.adoptedOn
  if (r.attendees !== undefined) view.attendees = r.attendees
  if (r.note) view.note = r.note
  return view
}

/**
 * The checks a rule set's terms get beyond the schema (shared by an estate's draft and the county template): 基础分
 * within 满分, item codes unique; returns the terms in stored form (points in hundredths, requiresApproval explicit,
 * the presence ratio in basis points).
 */
function checkedTerms(b: Pick<BodyOf<'ruleset.save'>, 'baseScore' | 'fullScore' | 'items' | 'categoryCaps' | 'minPresenceRatio'>): TemplateTerms {
  if (b.baseScore > b.fullScore) fail('VALIDATION', '基础分（baseScore）不能大于满分（fullScore）', { field: 'baseScore' })
  const codes = new Set<string>()
  b.items.forEach((item, i) => {
    if (codes.has(item.code)) fail('VALIDATION', `细则编号重复：${item.code}`, { field: `items[${i}].code` })
    codes.add(item.code)
  })
  const items = b.items.map((i) => {
    const item: RuleItem = { code: i.code, name: i.name, category: i.category, points: i.points, requiresApproval: i.requiresApproval !== false }
    if (i.perHour) item.perHour = true
    if (i.capPerYear !== undefined) item.capPerYear = i.capPerYear
    if (i.evidenceRequired) item.evidenceRequired = true
    return item
  })
  const terms: TemplateTerms = {
    baseScore: b.baseScore,
    fullScore: b.fullScore,
    items,
    minPresenceRatio: b.minPresenceRatio !== undefined ? Math.round(b.minPresenceRatio * 10000) : DEFAULT_MIN_PRESENCE,
  }
  if (b.categoryCaps) terms.categoryCaps = b.categoryCaps
  return terms
}

export async function rulesetSave(b: BodyOf<'ruleset.save'>, ctx: Ctx, deps: Deps) {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate)
  await assertYearOpen(deps.store, b.year)
  const terms = checkedTerms(b)
  const existing = await rulesetsOf(deps.store, b.estateBranchId, b.year)
  let version = existing.reduce((max, r) => Math.max(max, r.version), 0) + 1
  // Version numbers are claimed by deterministic ids; a racing save simply takes the next one.
  for (let attempt = 0; attempt < 5; attempt++, version++) {
    const doc: RuleSetDoc = {
      _id: `RS_${b.estateBranchId}_${b.year}_v${version}`,
      estateBranchId: b.estateBranchId,
      year: b.year,
      version,
      status: 'draft',
      ...terms,
      createdBy: ctx.openid,
      createdAt: ctx.now,
    }
    try {
      await deps.store.transaction(async (tx) => {
        await tx.create('rulesets', doc)
        await tx.create('audit', auditDoc(ctx, 'ruleset.save', doc._id, null, { version }))
      })
      return { rulesetId: doc._id, version }
    } catch (e) {
      if (!(e instanceof DocumentExists) || e.collection !== 'rulesets') throw e
    }
  }
  return fail('CONFLICT', '积分明细正在被同时修改，请稍后重试')
}

export async function rulesetAdopt(b: BodyOf<'ruleset.adopt'>, ctx: Ctx, deps: Deps) {
  const found = await deps.store.get('rulesets', b.rulesetId)
  if (!found) fail('NOT_FOUND', `积分明细不存在：${b.rulesetId}`)
  const r = found
  const estate = await requireOrg(deps.store, r.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate)
  await assertYearOpen(deps.store, r.year)
  // Adoption records a 党员大会 that has taken place; a version applies from that day, never ahead of it.
  if (b.adoptedOn > shanghaiDate(ctx.now)) fail('VALIDATION', '党员大会日期（adoptedOn）不能晚于今天', { field: 'adoptedOn' })
  if (Number(b.adoptedOn.slice(0, 4)) > r.year) fail('VALIDATION', `党员大会日期（adoptedOn）不能晚于 ${r.year} 年度`, { field: 'adoptedOn' })
  return deps.store.transaction(async (tx) => {
    const cur = await tx.get('rulesets', r._id)
    if (!cur || cur.status !== 'draft') fail('CONFLICT', '该版本已采用，采用后不能修改；如需调整请保存新版本')
    const next: RuleSetDoc = { ...cur, status: 'adopted', adoptedOn: b.adoptedOn, adoptedBy: ctx.openid, adoptedAt: ctx.now }
    if (b.attendees !== undefined) next.attendees = b.attendees
    if (b.note) next.note = b.note
    await tx.set('rulesets', next)
    await tx.create('audit', auditDoc(ctx, 'ruleset.adopt', r._id, { status: 'draft' }, { status: 'adopted', adoptedOn: b.adoptedOn }))
    return { rulesetId: r._id, version: r.version, status: 'adopted' as const, adoptedOn: b.adoptedOn }
  })
}

export async function rulesetGet(b: BodyOf<'ruleset.get'>, ctx: Ctx, deps: Deps) {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  const staff = covers(ctx, ['estate_secretary', ...ADMIN_ROLES], estate)
  const ownMember = ctx.member?.status === 'active' && ctx.member.estateBranchId === estate._id
  if (!staff && !ownMember) fail('FORBIDDEN', `无权查看其他小区的积分明细（${estate.name}）`)
  const all = await rulesetsOf(deps.store, b.estateBranchId, b.year)
  const current = currentOf(all)
  return {
    current: current ? rulesetView(current) : null,
    versions: (staff ? all : all.filter((r) => r.status === 'adopted')).map(rulesetView),
  }
}

// ---------------------------------------------------------------------------------------------- county template

// ---------------------------------------------------------------------------------------------- county template

const templateId = (year: number) => `TPL_${year}`

/** The template an estate drafts from for `year`: the county's for that year, else its latest earlier one, else the default. */
export async function rulesetTemplate(b: BodyOf<'ruleset.template'>, _ctx: Ctx, deps: Deps): Promise<RuleTemplateView> {
  return templateFor(deps.store, b.year)
}

async function templateFor(store: Store, year: number): Promise<RuleTemplateView> {
  const exact = await store.get('templates', templateId(year))
  // One document per year: the whole collection is a handful of documents.
  const saved = exact ?? (await store.find('templates', {})).filter((t) => t.year < year).sort((x, y) => y.year - x.year)[0]
  if (!saved) return { year, source: 'default', ...templateTermsView(DEFAULT_TEMPLATE) }
  return {
    year,
    source: 'county',
    templateYear: saved.year,
    savedAt: toIsoShanghai(saved.savedAt),
    savedBy: await nameOfOpenid(store, saved.savedBy, '县委组织部'),
    ...templateTermsView(saved),
  }
}

/** Saves the county's template for a year. Estates' rule sets, drafts and adopted versions alike, are not touched. */
export async function rulesetSaveTemplate(b: BodyOf<'ruleset.saveTemplate'>, ctx: Ctx, deps: Deps) {
  const county = await requireCounty(deps.store)
  requireScope(ctx, ['county_admin'], county, '县级积分明细模板')
  await assertYearOpen(deps.store, b.year)
  const doc: TemplateDoc = { _id: templateId(b.year), year: b.year, ...checkedTerms(b), savedBy: ctx.openid, savedAt: ctx.now }
  await deps.store.transaction(async (tx) => {
    const before = await tx.get('templates', doc._id)
    await tx.set('templates', doc)
    await tx.create('audit', auditDoc(ctx, 'ruleset.saveTemplate', doc._id, before ? templateTermsView(before) : null, templateTermsView(doc)))
  })
  return templateFor(deps.store, b.year)
}

// 红旗小区 评选 (docs/DESIGN.md#red-flag-estates): campaign → 申报 → 社区把关 → 街道审核 → 评选组. Each step is its own
// state on the application; the double-score year lock does not apply (a campaign runs Dec–Jan across the boundary).
import type { BodyOf } from '../../../src/core/contracts'
import { fail } from '../../../src/core/errors'
import {
  criteriaProblems,
  panelAverage,
  RF_DEFAULT_QUOTA,
  RF_DEFAULT_SHARE_PCT,
  RF_DEFAULT_SUBSIDY_YUAN,
  rfDefaultDeadline,
  reviewTotal,
  streetQuota,
} from '../../../src/core/redflag'
import { rankBy, toNumber } from '../../../src/core/scoring'
import { keywordTime } from '../../../src/core/notify'
import { toIsoShanghai } from '../../../src/core/time'
import { shanghaiDate } from '../../../src/core/working-days'
import { auditDoc } from '../../context/audit'
import { covers, requireScope } from '../../context/authz'
import type { Ctx } from '../../context/caller'
import type { Deps } from '../../context/deps'
import { keyId } from '../../context/ids'
import { ownPhotos } from '../../context/photos'
import type { OrgDoc } from '../../model/org'
import type { RfApplicationDoc, RfCampaignDoc, RfScoreDoc, RfSnapshot, RfVersion } from '../../model/redflag'
import { requireCounty, requireOrg } from '../../queries/orgs'
import { estatePlace, estateSnapshot, requireCampaign, rfApplicationId, rfCampaignId, streetQuotas } from '../../queries/redflag'
import { queueOrgEvent, roleHolders } from '../../services/notify'

const LOCKED_STATUSES = ['submitted', 'endorsed', 'recommended'] as const
const READERS = ['estate_secretary', 'community_admin', 'street_admin', 'county_admin'] as const

export async function campaignView(deps: Deps, c: RfCampaignDoc, now: number) {
  return {
    year: c.year,
    quota: c.quota,
    sharePct: c.sharePct,
    deadline: c.deadline,
    open: shanghaiDate(now) <= c.deadline,
    criteria: c.criteria,
    subsidyYuan: c.subsidyYuan,
    editable: c.firstSubmittedAt === undefined,
    streets: await streetQuotas(deps.store, c.sharePct),
  }
}

function snapshotView(s: RfSnapshot) {
  const pct = (x: number | null) => (x === null ? null : toNumber(x))
  return {
    directory: s.directory,
    registered: s.registered,
    registrationRate: pct(s.registrationRate),
    participants: s.participants,
    participationRate: pct(s.participationRate),
    activities: s.activities,
    volunteerHours: toNumber(s.volunteerHours),
    averageEstateScore: pct(s.averageEstateScore),
    satisfactionRate: pct(s.satisfactionRate),
    satisfactionSample: s.satisfactionSample,
    computedAt: toIsoShanghai(s.computedAt),
  }
}

interface Panel {
  sheets: RfScoreDoc[]
  average: number | null
  rank: number | null
}

function applicationView(a: RfApplicationDoc, estateName: string, ctx: Ctx, panel?: Panel) {
  const last = a.versions.at(-1)
  const seesReviewers = ctx.grants.some((g) => g.role === 'county_admin')
  const view = {
    applicationId: a._id,
    year: a.year,
    estateBranchId: a.estateBranchId,
    estateName,
    communityId: a.communityId,
    streetId: a.streetId,
    status: a.status,
    assessment: a.assessment,
    photos: a.photos,
    version: a.versions.length,
    snapshot: last ? snapshotView(last.snapshot) : null,
    ...(a.status === 'returned' && last?.returnedReason ? { returnedReason: last.returnedReason } : {}),
    ...(a.streetRank !== undefined && a.status === 'recommended' ? { streetRank: a.streetRank, streetNote: a.streetNote } : {}),
    updatedAt: toIsoShanghai(a.updatedAt),
  }
  if (!panel) return view
  return {
    ...view,
    reviews: panel.sheets.map((s) => ({
      ...(seesReviewers || s.reviewer === ctx.openid ? { reviewer: s.reviewer } : {}),
      department: s.department,
      total: toNumber(s.total),
      scores: Object.fromEntries(Object.entries(s.scores).map(([k, v]) => [k, toNumber(v)])),
      ...(s.objection ? { objection: s.objection } : {}),
      at: toIsoShanghai(s.at),
    })),
    average: panel.average === null ? null : toNumber(panel.average),
    panelRank: panel.rank,
    objections: panel.sheets.filter((s) => s.objection).length,
  }
}

/** Whether the caller sees the panel's sheets: the county admin and the panel itself. */
const seesPanel = (ctx: Ctx) => ctx.grants.some((g) => g.role === 'county_admin' || g.role === 'panel_reviewer')

/** The panel of each recommended application of a year: sheets, exact average and rank by it. */
async function panels(deps: Deps, year: number, apps: RfApplicationDoc[]): Promise<Map<string, Panel>> {
  const sheets = await deps.store.find('rfScores', { year })
  const recommended = apps.filter((a) => a.status === 'recommended')
  const rows = recommended.map((a) => {
    const own = sheets.filter((s) => s.applicationId === a._id).sort((x, y) => x.at - y.at)
    return { a, own, average: panelAverage(own.map((s) => s.total)) }
  })
  const ranks = rankBy(rows, (r) => r.average)
  return new Map(rows.map((r) => [r.a._id, { sheets: r.own, average: r.average, rank: ranks.get(r) ?? null }]))
}

export async function orgMap(deps: Deps) {
  return new Map((await deps.store.find('orgs', {})).map((o) => [o._id, o]))
}

// ── 1. Campaign ────────────────────────────────────────────────────────────────────────────────────────────────

export async function rfCampaignSave(b: BodyOf<'redflag.campaignSave'>, ctx: Ctx, deps: Deps) {
  const county = await requireCounty(deps.store)
  requireScope(ctx, ['county_admin'], county, '红旗小区评选')
  const problems = criteriaProblems(b.criteria)
  if (problems.length) fail('VALIDATION', problems.join('；'), { field: 'criteria' })
  const deadline = b.deadline ?? rfDefaultDeadline(b.year)
  const deadlineYear = Number(deadline.slice(0, 4))
  if (deadlineYear !== b.year && deadlineYear !== b.year + 1)
    fail('VALIDATION', `推荐截止日期（deadline）须在 ${b.year} 年或 ${b.year + 1} 年初`, { field: 'deadline' })
  const saved = await deps.store.transaction(async (tx) => {
    const before = await tx.get('rfCampaigns', rfCampaignId(b.year))
    if (before?.firstSubmittedAt !== undefined) fail('CONFLICT', `${b.year} 年度已有小区提交申报，评选方案不能再修改`)
    const doc: RfCampaignDoc = {
      _id: rfCampaignId(b.year),
      year: b.year,
      quota: b.quota ?? RF_DEFAULT_QUOTA,
      sharePct: b.sharePct ?? RF_DEFAULT_SHARE_PCT,
      deadline,
      criteria: b.criteria,
      subsidyYuan: b.subsidyYuan ?? RF_DEFAULT_SUBSIDY_YUAN,
      createdBy: before?.createdBy ?? ctx.openid,
      createdAt: before?.createdAt ?? ctx.now,
      updatedAt: ctx.now,
    }
    const termsOf = (c: RfCampaignDoc) => ({
      quota: c.quota,
      sharePct: c.sharePct,
      deadline: c.deadline,
      criteria: c.criteria,
      subsidyYuan: c.subsidyYuan,
    })
    const terms = termsOf(doc)
    const old = before ? termsOf(before) : null
    await tx.set('rfCampaigns', doc)
    await tx.create('audit', auditDoc(ctx, 'redflag.campaignSave', doc._id, old, terms))
    return doc
  })
  return campaignView(deps, saved, ctx.now)
}

export async function rfCampaignGet(b: BodyOf<'redflag.campaignGet'>, ctx: Ctx, deps: Deps) {
  const c = await deps.store.get('rfCampaigns', rfCampaignId(b.year))
  return c ? campaignView(deps, c, ctx.now) : null
}

export async function rfExtendDeadline(b: BodyOf<'redflag.extendDeadline'>, ctx: Ctx, deps: Deps) {
  const county = await requireCounty(deps.store)
  requireScope(ctx, ['county_admin'], county, '红旗小区评选')
  await requireCampaign(deps.store, b.year)
  const saved = await deps.store.transaction(async (tx) => {
    const c = await requireCampaign(tx, b.year)
    if (b.deadline <= c.deadline) fail('VALIDATION', `新的截止日期须晚于现在的 ${c.deadline}`, { field: 'deadline' })
    if (Number(b.deadline.slice(0, 4)) > b.year + 1) fail('VALIDATION', `截止日期不能晚于 ${b.year + 1} 年`, { field: 'deadline' })
    const doc = { ...c, deadline: b.deadline, updatedAt: ctx.now }
    await tx.set('rfCampaigns', doc)
    await tx.create('audit', auditDoc(ctx, 'redflag.extendDeadline', c._id, { deadline: c.deadline }, { deadline: b.deadline }))
    return doc
  })
  return campaignView(deps, saved, ctx.now)
}

// ── 2. 申报 (estate secretary) ────────────────────────────────────────────────────────────────────────────────

async function secretaryEstate(ctx: Ctx, deps: Deps, estateBranchId: string) {
  const estate = await requireOrg(deps.store, estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate, '其他小区的申报')
  return estate
}

export async function rfSaveDraft(b: BodyOf<'redflag.saveDraft'>, ctx: Ctx, deps: Deps) {
  const estate = await secretaryEstate(ctx, deps, b.estateBranchId)
  const campaign = await requireCampaign(deps.store, b.year)
  const codes = new Set(campaign.criteria.map((c) => c.code))
  const unknown = Object.keys(b.assessment).filter((k) => !codes.has(k))
  if (unknown.length) fail('VALIDATION', `没有这些评选标准：${unknown.join('、')}`, { field: 'assessment' })
  const place = estatePlace(estate, await orgMap(deps))
  const photos = b.photos ? await ownPhotos(ctx, deps.files, b.photos, '照片') : undefined
  const saved = await deps.store.transaction(async (tx) => {
    const before = await tx.get('rfApplications', rfApplicationId(b.year, estate._id))
    if (before && (LOCKED_STATUSES as readonly string[]).includes(before.status))
      fail('CONFLICT', `${estate.name} 的申报已提交（${before.status === 'submitted' ? '待社区把关' : '已同意上报'}），不能再修改`)
    const doc: RfApplicationDoc = {
      _id: rfApplicationId(b.year, estate._id),
      year: b.year,
      estateBranchId: estate._id,
      communityId: place.communityId ?? place.streetId,
      streetId: place.streetId,
      status: before?.status ?? 'draft',
      assessment: b.assessment,
      photos: photos ?? before?.photos ?? [],
      versions: before?.versions ?? [],
      updatedAt: ctx.now,
    }
    await tx.set('rfApplications', doc)
    await tx.create(
      'audit',
      auditDoc(ctx, 'redflag.saveDraft', doc._id, before ? { assessment: before.assessment, photos: before.photos } : null, {
        assessment: doc.assessment,
        photos: doc.photos,
      }),
    )
    return doc
  })
  return applicationView(saved, estate.name, ctx)
}

export async function rfSubmit(b: BodyOf<'redflag.submit'>, ctx: Ctx, deps: Deps) {
  const estate = await secretaryEstate(ctx, deps, b.estateBranchId)
  const campaign = await requireCampaign(deps.store, b.year)
  if (shanghaiDate(ctx.now) > campaign.deadline) fail('CONFLICT', `${b.year} 年度红旗小区申报已于 ${campaign.deadline} 截止`)
  const snapshot = await estateSnapshot(deps, estate._id, b.year, ctx.now)
  const saved = await deps.store.transaction(async (tx) => {
    const c = await requireCampaign(tx, b.year)
    const app = await tx.get('rfApplications', rfApplicationId(b.year, estate._id))
    if (!app) fail('NOT_FOUND', `${estate.name} 还没有 ${b.year} 年度的申报表，请先填写并保存`)
    if (app.status !== 'draft' && app.status !== 'returned') fail('CONFLICT', `${estate.name} 的申报已提交，不能重复提交`)
    const missing = c.criteria.filter((k) => !app.assessment[k.code]?.trim()).map((k) => k.name)
    if (missing.length) fail('VALIDATION', `请先填写每项自评：${missing.join('、')}`, { field: 'assessment' })
    const version: RfVersion = {
      version: app.versions.length + 1,
      assessment: app.assessment,
      photos: app.photos,
      snapshot,
      submittedBy: ctx.openid,
      submittedAt: ctx.now,
    }
    const doc: RfApplicationDoc = { ...app, status: 'submitted', versions: [...app.versions, version], updatedAt: ctx.now }
    await tx.set('rfApplications', doc)
    // The first submission fixes the campaign's terms (a read of the campaign in the same transaction orders it
    // against a concurrent campaignSave).
    if (c.firstSubmittedAt === undefined) await tx.set('rfCampaigns', { ...c, firstSubmittedAt: ctx.now })
    await tx.create(
      'audit',
      auditDoc(ctx, 'redflag.submit', doc._id, { status: app.status }, { status: 'submitted', version: version.version, snapshot }),
    )
    return doc
  })
  return applicationView(saved, estate.name, ctx)
}

export async function rfGet(b: BodyOf<'redflag.get'>, ctx: Ctx, deps: Deps) {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  const app = await deps.store.get('rfApplications', rfApplicationId(b.year, estate._id))
  const own = covers(ctx, ['estate_secretary'], estate)
  const admin = covers(ctx, ['community_admin', 'street_admin', 'county_admin'], estate)
  const panel = covers(ctx, ['panel_reviewer'], estate)
  if (!own && !admin && !(panel && app?.status === 'recommended')) {
    fail('FORBIDDEN', panel ? `评选组只能查看街道推荐的申报（${estate.name}）` : `无权查看其他小区的申报（${estate.name}）`)
  }
  if (!app || (app.status === 'draft' && !own)) return null
  const p = seesPanel(ctx) && app.status === 'recommended' ? (await panels(deps, b.year, [app])).get(app._id) : undefined
  const photoIds = [...new Set([...app.photos, ...app.versions.flatMap((v) => v.photos)])]
  const urls = photoIds.length ? await deps.files.urls(photoIds) : new Map<string, string>()
  return {
    photoUrls: Object.fromEntries(urls),
    application: applicationView(app, estate.name, ctx, p),
    versions: app.versions.map((v) => ({
      version: v.version,
      assessment: v.assessment,
      photos: v.photos,
      snapshot: snapshotView(v.snapshot),
      submittedAt: toIsoShanghai(v.submittedAt),
      ...(v.returnedReason ? { returnedReason: v.returnedReason } : {}),
      ...(v.returnedAt ? { returnedAt: toIsoShanghai(v.returnedAt) } : {}),
    })),
  }
}

export async function rfList(b: BodyOf<'redflag.list'>, ctx: Ctx, deps: Deps) {
  const scope = await requireOrg(deps.store, b.scopeId, ['county', 'street', 'community', 'estate', 'unit', 'unitBranch'], '范围')
  const staff = covers(ctx, READERS, scope)
  const panel = covers(ctx, ['panel_reviewer'], scope)
  if (!staff && !(panel && scope.kind === 'county')) {
    fail('FORBIDDEN', panel ? '评选组按全县查看推荐名单（scopeId 为县）' : `无权查看该范围的申报（${scope.name}）`)
  }
  const orgs = await orgMap(deps)
  const inScope = (a: RfApplicationDoc) => a.estateBranchId === scope._id || !!orgs.get(a.estateBranchId)?.path.includes(scope._id)
  const all = (await deps.store.find('rfApplications', { year: b.year })).filter(inScope)
  const visible = all.filter((a) => {
    const estate = orgs.get(a.estateBranchId) as OrgDoc
    if (a.status === 'draft') return covers(ctx, ['estate_secretary'], estate)
    return staff || a.status === 'recommended'
  })
  const p = seesPanel(ctx) ? await panels(deps, b.year, visible) : new Map<string, Panel>()
  // The panel's ranking first (where shown), then by street and the street's own ranking.
  const rankOf = (a: RfApplicationDoc) => p.get(a._id)?.rank ?? 1e9
  const applications = [...visible]
    .sort(
      (x, y) =>
        rankOf(x) - rankOf(y) ||
        x.streetId.localeCompare(y.streetId) ||
        (x.status === 'recommended' ? (x.streetRank ?? 1e9) : 1e9) - (y.status === 'recommended' ? (y.streetRank ?? 1e9) : 1e9) ||
        x.estateBranchId.localeCompare(y.estateBranchId),
    )
    .map((a) => applicationView(a, orgs.get(a.estateBranchId)?.name ?? a.estateBranchId, ctx, p.get(a._id)))
  return { year: b.year, scopeId: scope._id, applications }
}

// ── 3. 社区把关 ──────────────────────────────────────────────────────────────────────────────────────────────────

export async function rfReview(b: BodyOf<'redflag.review'>, ctx: Ctx, deps: Deps) {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['community_admin'], estate, '其他社区的申报')
  if (b.decision === 'return' && !b.reason?.trim()) fail('VALIDATION', '退回须写明理由', { field: 'reason' })
  const to = b.decision === 'return' ? ((await roleHolders(deps.store, 'estate_secretary', [estate._id])).get(estate._id) ?? []) : []
  const saved = await deps.store.transaction(async (tx) => {
    const app = await tx.get('rfApplications', rfApplicationId(b.year, estate._id))
    if (!app || app.status === 'draft') fail('NOT_FOUND', `${estate.name} 没有提交 ${b.year} 年度的申报`)
    if (app.status !== 'submitted') fail('CONFLICT', `${estate.name} 的申报不在待社区把关状态`)
    const versions = [...app.versions]
    if (b.decision === 'return') {
      const last = versions[versions.length - 1]
      versions[versions.length - 1] = { ...last, returnedReason: b.reason, returnedBy: ctx.openid, returnedAt: ctx.now }
    }
    const doc: RfApplicationDoc =
      b.decision === 'return'
        ? { ...app, status: 'returned', versions, updatedAt: ctx.now }
        : { ...app, status: 'endorsed', endorsedBy: ctx.openid, endorsedAt: ctx.now, updatedAt: ctx.now }
    await tx.set('rfApplications', doc)
    // 退回: the estate's secretary hears why (订阅消息 and notice, once per version; docs/DESIGN.md#reminders).
    if (b.decision === 'return') await queueOrgEvent(tx, to, rfEvent(app, 'returned', estate.name, b.reason ?? '', ctx.now), ctx.now)
    await tx.create('audit', auditDoc(ctx, 'redflag.review', doc._id, { status: app.status }, { status: doc.status, reason: b.reason }))
    return doc
  })
  return applicationView(saved, estate.name, ctx)
}

// ── 订阅消息 and notices to the estate's secretary (docs/DESIGN.md#red-flag-estates, docs/DESIGN.md#reminders) ──

const RF_OUTCOME = {
  returned: { result: '退回', notice: '被社区退回' },
  recommended: { result: '已推荐', notice: '已获街道推荐' },
  notRecommended: { result: '未推荐', notice: '未获街道推荐' },
  named: { result: '入选公示', notice: '入选红旗小区公示名单' },
  removed: { result: '已取消', notice: '因公示期间反映问题属实被取消' },
} as const
export type RfOutcome = keyof typeof RF_OUTCOME

/** One step's message: the application (or campaign) and the step make its id; a version keeps re-submissions apart. */
export function rfEvent(
  app: { _id: string; year: number; estateBranchId: string; versions?: unknown[] },
  outcome: RfOutcome,
  estateName: string,
  reason: string,
  now: number,
) {
  const o = RF_OUTCOME[outcome]
  const what = `${estateName} ${app.year} 年度红旗小区申报${o.notice}`
  return {
    key: ['rf', app._id, String(app.versions?.length ?? 0), outcome],
    // Being named is a 公示 (公示通知); every other step is a review result (审核结果通知).
    template: outcome === 'named' ? ('publicity_open' as const) : ('review_result' as const),
    event: `redflag.${outcome}`,
    scopeId: app.estateBranchId,
    values: { title: `${app.year} 年度红旗小区`, result: o.result, reason, note: reason || what, time: keywordTime(now) },
    page: 'redflag' as const,
    notice: { title: `红旗小区：${o.result}`, body: reason ? `${what}：${reason}` : `${what}。` },
  }
}

// ── 4. 街道审核 ──────────────────────────────────────────────────────────────────────────────────────────────────

export async function rfRecommend(b: BodyOf<'redflag.recommend'>, ctx: Ctx, deps: Deps) {
  const street = await requireOrg(deps.store, b.streetId, 'street', '街道')
  requireScope(ctx, ['street_admin'], street, '其他街道的推荐')
  const campaign = await requireCampaign(deps.store, b.year)
  if (shanghaiDate(ctx.now) > campaign.deadline) fail('CONFLICT', `街道推荐已于 ${campaign.deadline} 截止，如需延期请联系县委组织部`)
  const orgs = await orgMap(deps)
  const estates = [...orgs.values()].filter((o) => o.kind === 'estate' && o.path.includes(street._id))
  const quota = streetQuota(estates.length, campaign.sharePct)
  if (b.picks.length > quota)
    fail('VALIDATION', `超出本街道推荐名额：${street.name}最多推荐 ${quota} 个小区（本次 ${b.picks.length} 个）`, { field: 'picks', quota })
  const ids = b.picks.map((p) => p.estateBranchId)
  if (new Set(ids).size !== ids.length) fail('VALIDATION', '推荐名单中有重复的小区', { field: 'picks' })
  for (const id of ids) {
    const o = orgs.get(id)
    if (!o || o.kind !== 'estate') fail('NOT_FOUND', `小区党支部不存在：${id}`, { id })
    if (!o.path.includes(street._id)) fail('FORBIDDEN', `${o.name} 不在本街道，不能推荐`)
  }
  const apps = (await deps.store.find('rfApplications', { year: b.year })).filter((a) => a.streetId === street._id)
  for (const id of ids) {
    const a = apps.find((x) => x.estateBranchId === id)
    if (!a || (a.status !== 'endorsed' && a.status !== 'recommended'))
      fail('CONFLICT', `${orgs.get(id)?.name ?? id} 的申报尚未经社区同意上报，不能推荐`)
  }
  const to = await roleHolders(
    deps.store,
    'estate_secretary',
    apps.map((a) => a.estateBranchId),
  )
  await deps.store.transaction(async (tx) => {
    const before: string[] = []
    for (const a of apps) {
      const cur = await tx.get('rfApplications', a._id)
      if (!cur || (cur.status !== 'endorsed' && cur.status !== 'recommended')) continue
      if (cur.status === 'recommended') before.push(cur.estateBranchId)
      const k = ids.indexOf(cur.estateBranchId)
      const doc: RfApplicationDoc =
        k >= 0
          ? {
              ...cur,
              status: 'recommended',
              streetRank: k + 1,
              streetNote: b.picks[k].note,
              recommendedBy: ctx.openid,
              recommendedAt: ctx.now,
              updatedAt: ctx.now,
            }
          : (({ streetRank: _r, streetNote: _n, recommendedBy: _b, recommendedAt: _t, ...rest }) => ({
              ...rest,
              status: 'endorsed' as const,
              updatedAt: ctx.now,
            }))(cur)
      // Each estate the street considered hears its outcome once per submitted version (docs/DESIGN.md#reminders).
      const name = orgs.get(cur.estateBranchId)?.name ?? cur.estateBranchId
      const outcome =
        k >= 0 ? rfEvent(cur, 'recommended', name, `街道推荐第 ${k + 1} 位`, ctx.now) : rfEvent(cur, 'notRecommended', name, '', ctx.now)
      await queueOrgEvent(tx, to.get(cur.estateBranchId) ?? [], outcome, ctx.now)
      if (k < 0 && cur.status === 'endorsed') continue
      await tx.set('rfApplications', doc)
    }
    await tx.create('audit', auditDoc(ctx, 'redflag.recommend', `${rfCampaignId(b.year)}_${street._id}`, { recommended: before }, { picks: b.picks }))
  })
  return { year: b.year, streetId: street._id, quota, recommended: ids }
}

// ── 5. 评选组 ────────────────────────────────────────────────────────────────────────────────────────────────────

export async function rfPanelName(b: BodyOf<'redflag.panelName'>, ctx: Ctx, deps: Deps) {
  const county = await requireCounty(deps.store)
  requireScope(ctx, ['county_admin'], county, '评选组任命')
  const id = `${b.openid}:panel_reviewer:${county._id}`
  await deps.store.transaction(async (tx) => {
    const before = await tx.get('grants', id)
    await tx.set('grants', { _id: id, openid: b.openid, role: 'panel_reviewer', scopeId: county._id, department: b.department })
    await tx.create('audit', auditDoc(ctx, 'redflag.panelName', id, before ? { department: before.department } : null, { department: b.department }))
  })
  return { openid: b.openid, department: b.department, active: true }
}

export async function rfScore(b: BodyOf<'redflag.score'>, ctx: Ctx, deps: Deps) {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['panel_reviewer'], estate, '该申报')
  const grant = ctx.grants.find((g) => g.role === 'panel_reviewer') as (typeof ctx.grants)[number]
  const campaign = await requireCampaign(deps.store, b.year)
  const app = await deps.store.get('rfApplications', rfApplicationId(b.year, estate._id))
  if (!app || app.status !== 'recommended') fail('FORBIDDEN', `评选组只能为街道推荐的申报打分（${estate.name}）`)
  const problems: string[] = []
  for (const c of campaign.criteria) {
    const v = b.scores[c.code]
    if (v === undefined) problems.push(`缺少「${c.name}」的得分`)
    else if (v > c.weight * 100) problems.push(`「${c.name}」的得分不能超过 ${c.weight} 分`)
  }
  const unknown = Object.keys(b.scores).filter((k) => !campaign.criteria.some((c) => c.code === k))
  if (unknown.length) problems.push(`没有这些评选标准：${unknown.join('、')}`)
  if (problems.length) fail('VALIDATION', problems.join('；'), { field: 'scores' })
  const sheet: RfScoreDoc = {
    _id: keyId('RFS_', String(b.year), estate._id, ctx.openid),
    year: b.year,
    applicationId: app._id,
    estateBranchId: estate._id,
    reviewer: ctx.openid,
    department: grant.department ?? '',
    scores: b.scores,
    total: reviewTotal(b.scores),
    ...(b.objection?.trim() ? { objection: b.objection.trim() } : {}),
    at: ctx.now,
  }
  await deps.store.transaction(async (tx) => {
    const before = await tx.get('rfScores', sheet._id)
    await tx.set('rfScores', sheet)
    await tx.create(
      'audit',
      auditDoc(ctx, 'redflag.score', sheet._id, before ? { scores: before.scores, objection: before.objection } : null, {
        scores: sheet.scores,
        objection: sheet.objection,
      }),
    )
  })
  const p = (await panels(deps, b.year, [app])).get(app._id)
  return applicationView(app, estate.name, ctx, p)
}

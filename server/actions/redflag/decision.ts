// 红旗小区 评选, after the panel (docs/DESIGN.md#red-flag-estates): 县委常委会审定 → 公示 with 问题反映 → results, subsidy
// lines, honour badges and the .xlsx. The places a 属实 report removes are never refilled.
import type { BodyOf } from '../../../src/core/contracts'
import { fail } from '../../../src/core/errors'
import { panelAverage } from '../../../src/core/redflag'
import { toNumber } from '../../../src/core/scoring'
import { toIsoShanghai } from '../../../src/core/time'
import { endAfterWorkingDays, shanghaiDate } from '../../../src/core/working-days'
import { type Cell, writeXlsx } from '../../../src/lib/xlsx'
import { auditDoc } from '../../context/audit'
import { requireScope } from '../../context/authz'
import type { Ctx } from '../../context/caller'
import type { Deps } from '../../context/deps'
import { newId } from '../../context/ids'
import { ownPhotos } from '../../context/photos'
import { XLSX_MIME } from '../../jobs/export'
import type { OrgDoc } from '../../model/org'
import type { RfCampaignDoc, RfReportDoc } from '../../model/redflag'
import { requireCounty, requireOrg } from '../../queries/orgs'
import { requireCampaign, rfIsFinal, rfNamed, rfPublicityCalendar, rfPublicityStatus } from '../../queries/redflag'
import { queueOrgEvent, roleHolders } from '../../services/notify'
import { campaignView, orgMap, rfEvent } from './pipeline'

async function countyAdmin(ctx: Ctx, deps: Deps) {
  const county = await requireCounty(deps.store)
  requireScope(ctx, ['county_admin'], county, '红旗小区评选')
  return county
}

// ── 6. 县委常委会审定 ────────────────────────────────────────────────────────────────────────────────────────────

export async function rfDecide(b: BodyOf<'redflag.decide'>, ctx: Ctx, deps: Deps) {
  await countyAdmin(ctx, deps)
  const campaign = await requireCampaign(deps.store, b.year)
  if (new Set(b.approved).size !== b.approved.length) fail('VALIDATION', '审定名单中有重复的小区', { field: 'approved' })
  if (b.approved.length > campaign.quota)
    fail('VALIDATION', `超出县级名额：最多审定 ${campaign.quota} 个小区（本次 ${b.approved.length} 个）`, {
      field: 'approved',
      quota: campaign.quota,
    })
  const apps = await deps.store.find('rfApplications', { year: b.year })
  const orgs = await orgMap(deps)
  for (const id of b.approved) {
    if (orgs.get(id)?.kind !== 'estate') fail('NOT_FOUND', `小区党支部不存在：${id}`, { id })
    if (!apps.some((a) => a.estateBranchId === id && a.status === 'recommended'))
      fail('CONFLICT', `${orgs.get(id)?.name ?? id} 未经街道推荐，不能审定`)
  }
  const saved = await deps.store.transaction(async (tx) => {
    const c = await requireCampaign(tx, b.year)
    if (c.publicity) fail('CONFLICT', `${b.year} 年度名单已公示，审定结果不能再改`)
    const doc: RfCampaignDoc = {
      ...c,
      decision: { meetingOn: b.meetingOn, note: b.note, approved: b.approved, by: ctx.openid, at: ctx.now },
      updatedAt: ctx.now,
    }
    await tx.set('rfCampaigns', doc)
    await tx.create(
      'audit',
      auditDoc(ctx, 'redflag.decide', c._id, c.decision ?? null, { meetingOn: b.meetingOn, note: b.note, approved: b.approved }),
    )
    return doc
  })
  return campaignView(deps, saved, ctx.now)
}

// ── 7. 公示 and 问题反映 ──────────────────────────────────────────────────────────────────────────────────────────

async function publicityView(deps: Deps, c: RfCampaignDoc, now: number) {
  const p = c.publicity
  if (!p || !c.decision) return null
  const today = shanghaiDate(now)
  const orgs = await orgMap(deps)
  const reports = await deps.store.find('rfReports', { year: c.year })
  const unanswered = reports.filter((r) => r.status === 'open').length
  const status = rfPublicityStatus(p, today)
  return {
    year: c.year,
    meetingOn: c.decision.meetingOn,
    startOn: p.startOn,
    endOn: p.endOn,
    workingDays: p.workingDays,
    status,
    final: status === 'ended' && unanswered === 0,
    estates: c.decision.approved.map((id) => ({ estateBranchId: id, name: orgs.get(id)?.name ?? id, removed: (c.removed ?? []).includes(id) })),
    reports: reports.length,
    unanswered,
  }
}

export async function rfPublicityOpen(b: BodyOf<'redflag.publicityOpen'>, ctx: Ctx, deps: Deps) {
  await countyAdmin(ctx, deps)
  const c0 = await requireCampaign(deps.store, b.year)
  const to = await roleHolders(deps.store, 'estate_secretary', c0.decision?.approved ?? [])
  const orgs = await orgMap(deps)
  const today = shanghaiDate(ctx.now)
  if (b.startOn < today) fail('VALIDATION', `公示开始日期（startOn）不能早于今天（${today}）`, { field: 'startOn' })
  const workingDays = b.workingDays ?? 5
  const endOn = endAfterWorkingDays(b.startOn, workingDays, await rfPublicityCalendar(deps.store, b.startOn))
  const saved = await deps.store.transaction(async (tx) => {
    const c = await requireCampaign(tx, b.year)
    if (!c.decision) fail('CONFLICT', `${b.year} 年度尚未记录县委常委会审定结果，不能公示`)
    if (c.publicity) fail('CONFLICT', `${b.year} 年度红旗小区已公示（${c.publicity.startOn} 至 ${c.publicity.endOn}），不能重复发起`)
    const doc: RfCampaignDoc = { ...c, publicity: { startOn: b.startOn, endOn, workingDays, by: ctx.openid, at: ctx.now }, updatedAt: ctx.now }
    await tx.set('rfCampaigns', doc)
    // Each estate on the approved list hears it is named (docs/DESIGN.md#reminders); the list is fixed from now on.
    for (const id of c.decision.approved) {
      const app = { _id: `${c._id}_${id}`, year: b.year, estateBranchId: id }
      const e = rfEvent(app, 'named', orgs.get(id)?.name ?? id, `公示 ${b.startOn} 至 ${endOn}`, ctx.now)
      await queueOrgEvent(tx, to.get(id) ?? [], e, ctx.now)
    }
    await tx.create('audit', auditDoc(ctx, 'redflag.publicityOpen', c._id, null, { startOn: b.startOn, endOn, workingDays }))
    return doc
  })
  return (await publicityView(deps, saved, ctx.now)) as NonNullable<Awaited<ReturnType<typeof publicityView>>>
}

export async function rfPublicity(b: BodyOf<'redflag.publicity'>, ctx: Ctx, deps: Deps) {
  const c = await deps.store.get('rfCampaigns', `RFC_${b.year}`)
  return c ? publicityView(deps, c, ctx.now) : null
}

function reportView(r: RfReportDoc, estateName: string, ctx: Ctx) {
  const county = ctx.grants.some((g) => g.role === 'county_admin')
  return {
    reportId: r._id,
    year: r.year,
    estateBranchId: r.estateBranchId,
    estateName,
    text: r.text,
    photos: county || r.reporter === ctx.openid ? r.photos : [],
    ...(county ? { reporter: r.reporter } : {}),
    createdAt: toIsoShanghai(r.createdAt),
    status: r.status,
    ...(r.answer ? { answer: r.answer } : {}),
    ...(r.answeredAt ? { answeredAt: toIsoShanghai(r.answeredAt) } : {}),
  }
}

export async function rfReport(b: BodyOf<'redflag.report'>, ctx: Ctx, deps: Deps) {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  const c = await requireCampaign(deps.store, b.year)
  if (!c.publicity || rfPublicityStatus(c.publicity, shanghaiDate(ctx.now)) !== 'open')
    fail('CONFLICT', `${b.year} 年度红旗小区不在公示期内，不能反映问题`)
  if (!rfNamed(c).includes(estate._id)) fail('CONFLICT', `${estate.name} 不在 ${b.year} 年度红旗小区公示名单上`)
  const photos = await ownPhotos(ctx, deps.files, b.photos, '照片')
  const doc: RfReportDoc = {
    _id: newId('RFR'),
    year: b.year,
    estateBranchId: estate._id,
    text: b.text.trim(),
    photos,
    reporter: ctx.openid,
    createdAt: ctx.now,
    status: 'open',
  }
  await deps.store.transaction(async (tx) => {
    await tx.create('rfReports', doc)
    // The audit names the report, not the reporter's words (the report holds them, readable by the county only).
    await tx.create('audit', auditDoc(ctx, 'redflag.report', doc._id, null, { year: b.year, estateBranchId: estate._id }))
  })
  return reportView(doc, estate.name, ctx)
}

export async function rfReports(b: BodyOf<'redflag.reports'>, ctx: Ctx, deps: Deps) {
  await countyAdmin(ctx, deps)
  const orgs = await orgMap(deps)
  const docs = await deps.store.find('rfReports', { year: b.year })
  return docs.sort((x, y) => x.createdAt - y.createdAt).map((r) => reportView(r, orgs.get(r.estateBranchId)?.name ?? r.estateBranchId, ctx))
}

export async function rfAnswer(b: BodyOf<'redflag.answer'>, ctx: Ctx, deps: Deps) {
  await countyAdmin(ctx, deps)
  const found = await deps.store.get('rfReports', b.reportId)
  if (!found) fail('NOT_FOUND', `问题反映不存在：${b.reportId}`)
  const to =
    b.verdict === 'upheld' ? ((await roleHolders(deps.store, 'estate_secretary', [found.estateBranchId])).get(found.estateBranchId) ?? []) : []
  const estateName = (await deps.store.get('orgs', found.estateBranchId))?.name ?? found.estateBranchId
  const saved = await deps.store.transaction(async (tx) => {
    const r = await tx.get('rfReports', b.reportId)
    if (!r) fail('NOT_FOUND', `问题反映不存在：${b.reportId}`)
    if (r.status !== 'open') fail('CONFLICT', '该问题反映已答复')
    const c = await requireCampaign(tx, r.year)
    const doc: RfReportDoc = { ...r, status: b.verdict, answer: b.answer.trim(), answeredBy: ctx.openid, answeredAt: ctx.now }
    await tx.set('rfReports', doc)
    // 属实: the estate loses its place; nobody moves up into it.
    if (b.verdict === 'upheld' && !(c.removed ?? []).includes(r.estateBranchId)) {
      await tx.set('rfCampaigns', { ...c, removed: [...(c.removed ?? []), r.estateBranchId], updatedAt: ctx.now })
      const app = { _id: `${c._id}_${r.estateBranchId}`, year: r.year, estateBranchId: r.estateBranchId }
      await queueOrgEvent(tx, to, rfEvent(app, 'removed', estateName, b.answer.trim(), ctx.now), ctx.now)
    }
    await tx.create('audit', auditDoc(ctx, 'redflag.answer', r._id, { status: r.status }, { status: b.verdict, answer: doc.answer }))
    return doc
  })
  const orgs = await orgMap(deps)
  return reportView(saved, orgs.get(saved.estateBranchId)?.name ?? saved.estateBranchId, ctx)
}

// ── 8. Results ───────────────────────────────────────────────────────────────────────────────────────────────────

async function resultsView(deps: Deps, c: RfCampaignDoc, now: number) {
  if (!c.publicity) return null
  const orgs = await orgMap(deps)
  const streetOf = (e: OrgDoc | undefined) => e?.path.map((id) => orgs.get(id)).find((o) => o?.kind === 'street')?.name ?? ''
  return {
    year: c.year,
    final: await rfIsFinal(deps.store, c, shanghaiDate(now)),
    subsidyYuan: c.subsidyYuan,
    estates: rfNamed(c).map((id) => {
      const paid = c.subsidies?.[id]
      return {
        estateBranchId: id,
        name: orgs.get(id)?.name ?? id,
        streetName: streetOf(orgs.get(id)),
        subsidyYuan: c.subsidyYuan,
        ...(paid ? { paidOn: paid.paidOn, paidBy: paid.paidBy } : {}),
      }
    }),
  }
}

export async function rfResults(b: BodyOf<'redflag.results'>, ctx: Ctx, deps: Deps) {
  const c = await deps.store.get('rfCampaigns', `RFC_${b.year}`)
  return c ? resultsView(deps, c, ctx.now) : null
}

export async function rfSubsidyPaid(b: BodyOf<'redflag.subsidyPaid'>, ctx: Ctx, deps: Deps) {
  await countyAdmin(ctx, deps)
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  const c0 = await requireCampaign(deps.store, b.year)
  if (!(await rfIsFinal(deps.store, c0, shanghaiDate(ctx.now))))
    fail('CONFLICT', `${b.year} 年度红旗小区名单尚未最终确定（公示未结束或有问题反映未答复）`)
  const saved = await deps.store.transaction(async (tx) => {
    const c = await requireCampaign(tx, b.year)
    if (!rfNamed(c).includes(estate._id)) fail('CONFLICT', `${estate.name} 不在 ${b.year} 年度红旗小区名单上`)
    const line = { paidOn: b.paidOn, paidBy: b.paidBy.trim(), recordedBy: ctx.openid, at: ctx.now }
    const doc: RfCampaignDoc = { ...c, subsidies: { ...(c.subsidies ?? {}), [estate._id]: line }, updatedAt: ctx.now }
    await tx.set('rfCampaigns', doc)
    await tx.create('audit', auditDoc(ctx, 'redflag.subsidyPaid', `${c._id}_${estate._id}`, c.subsidies?.[estate._id] ?? null, line))
    return doc
  })
  return (await resultsView(deps, saved, ctx.now)) as NonNullable<Awaited<ReturnType<typeof resultsView>>>
}

export async function rfHonours(_b: BodyOf<'redflag.honours'>, ctx: Ctx, deps: Deps) {
  const estateId = ctx.member?.status === 'active' ? ctx.member.estateBranchId : null
  if (!estateId) return []
  const today = shanghaiDate(ctx.now)
  const campaigns = (await deps.store.find('rfCampaigns', {})).filter((c) => rfNamed(c).includes(estateId))
  const estate = await deps.store.get('orgs', estateId)
  const out: { year: number; estateBranchId: string; name: string }[] = []
  for (const c of campaigns.sort((a, b) => b.year - a.year)) {
    if (await rfIsFinal(deps.store, c, today)) out.push({ year: c.year, estateBranchId: estateId, name: estate?.name ?? estateId })
  }
  return out
}

export async function rfExport(b: BodyOf<'redflag.export'>, ctx: Ctx, deps: Deps) {
  await countyAdmin(ctx, deps)
  const c = await requireCampaign(deps.store, b.year)
  const orgs = await orgMap(deps)
  const apps = (await deps.store.find('rfApplications', { year: b.year })).filter((a) => a.status !== 'draft')
  const sheets = await deps.store.find('rfScores', { year: b.year })
  const name = (id: string) => orgs.get(id)?.name ?? id
  const pct = (x: number | null) => (x === null ? null : toNumber(x))
  const summary: Cell[][] = [
    [
      '街道',
      '社区',
      '小区党支部',
      '状态',
      '版本',
      '报到率%',
      '参与率%',
      '活动次数',
      '志愿时长(小时)',
      '平均小区积分',
      '满意率%',
      '满意度样本',
      '街道排序',
      '实地评估',
      '评选组平均分',
      '异议数',
    ],
  ]
  for (const a of apps.sort((x, y) => x.streetId.localeCompare(y.streetId) || x.estateBranchId.localeCompare(y.estateBranchId))) {
    const s = a.versions.at(-1)?.snapshot
    const own = sheets.filter((x) => x.applicationId === a._id)
    const avg = a.status === 'recommended' ? panelAverage(own.map((x) => x.total)) : null
    summary.push([
      name(a.streetId),
      name(a.communityId),
      name(a.estateBranchId),
      a.status,
      a.versions.length,
      s ? pct(s.registrationRate) : null,
      s ? pct(s.participationRate) : null,
      s?.activities ?? null,
      s ? toNumber(s.volunteerHours) : null,
      s ? pct(s.averageEstateScore) : null,
      s ? pct(s.satisfactionRate) : null,
      s?.satisfactionSample ?? null,
      a.status === 'recommended' ? (a.streetRank ?? null) : null,
      a.status === 'recommended' ? (a.streetNote ?? null) : null,
      avg === null ? null : toNumber(avg),
      own.filter((x) => x.objection).length,
    ])
  }
  const results: Cell[][] = [['年度', '小区党支部', '结果', '补助(元)', '发放日期', '发放单位']]
  for (const id of c.decision?.approved ?? []) {
    const removed = (c.removed ?? []).includes(id)
    const paid = c.subsidies?.[id]
    results.push([
      c.year,
      name(id),
      removed ? '公示期间反映属实，取消' : '红旗小区',
      removed ? 0 : c.subsidyYuan,
      paid?.paidOn ?? null,
      paid?.paidBy ?? null,
    ])
  }
  const bytes = writeXlsx([
    { name: '申报汇总表', rows: summary },
    { name: '评选结果', rows: results },
  ])
  const filename = `红旗小区_${b.year}.xlsx`
  const fileId = await deps.files.put({ bytes, name: filename, mime: XLSX_MIME, owner: ctx.openid, key: `RFX_${b.year}_${ctx.openid}` })
  const url = (await deps.files.urls([fileId])).get(fileId)
  return {
    filename,
    mime: XLSX_MIME,
    rows: summary.length - 1 + results.length - 1,
    base64: Buffer.from(bytes).toString('base64'),
    fileId,
    ...(url ? { url } : {}),
  }
}

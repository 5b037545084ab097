// The year's end (SPEC §3.2, §3.7–3.8): county settings, deductions, 公示 with appeals, finalisation that
// locks the year, and the audited adjustments that are the only way to correct it afterwards.
import { fail } from '../../src/core/errors'
import type { BodyOf } from '../../src/core/contracts'
import { toNumber, weightToNumber, type Band } from '../../src/core/scoring'
import { endAfterWorkingDays, shanghaiDate } from '../../src/core/working-days'
import { toIsoShanghai } from '../../src/core/time'
import { DocumentExists, OneOf } from '../ports/store.port'
import {
  COUNTY_ID,
  assertYearOpen,
  auditDoc,
  covers,
  getOrg,
  keyId,
  newId,
  orgsUnder,
  ownPhotos,
  requireOrg,
  requireScope,
  yearSettings,
  type Ctx,
  type Deps,
  type MemberDoc,
  type OrgDoc,
  type YearSettingsDoc,
} from '../context'
import { basesOf, type AttendanceDoc, type LedgerDoc } from './activities'
import { rulesetInForce } from './rulesets'
import { scoreTally } from './scores'

export interface PublicityDoc {
  _id: string
  estateBranchId: string
  year: number
  startOn: string
  endOn: string
  workingDays: number
  openedBy: string
  openedAt: number
}

export interface AppealDoc {
  _id: string
  memberId: string
  estateBranchId: string
  year: number
  target: 'entry' | 'rejection' | 'total'
  targetId?: string
  reason: string
  status: 'open' | 'accepted' | 'rejected'
  createdAt: number
  answer?: string
  resolvedBy?: string
  resolvedAt?: number
  adjustmentId?: string
}

const publicityId = (estateBranchId: string, year: number) => `PUB_${estateBranchId}_${year}`

function publicityStatus(p: PublicityDoc, today: string): 'scheduled' | 'open' | 'ended' {
  return today < p.startOn ? 'scheduled' : today <= p.endOn ? 'open' : 'ended'
}

function settingsView(s: YearSettingsDoc) {
  return {
    year: s.year,
    weights: { unit: weightToNumber(s.weights.unit), estate: weightToNumber(s.weights.estate) },
    bands: s.bands.map((b) => ({ name: b.name, min: toNumber(b.min) })),
    holidays: s.holidays ?? [],
    extraWorkdays: s.extraWorkdays ?? [],
    honourList: s.honourList ?? false,
    locked: s.locked,
    ...(s.finalisedAt ? { finalisedAt: toIsoShanghai(s.finalisedAt) } : {}),
  }
}

/** A weight as exact basis points, or a clear refusal (0.3333 is fine, 0.33333 is not). */
function basisPoints(w: number, field: string): number {
  const bp = Math.round(w * 10000)
  if (Math.abs(bp - w * 10000) > 1e-6) fail('VALIDATION', `权重（${field}）最多保留四位小数`, { field })
  return bp
}

export async function settingsSet(b: BodyOf<'settings.set'>, ctx: Ctx, deps: Deps) {
  const county = (await getOrg(deps.store, COUNTY_ID)) as OrgDoc
  requireScope(ctx, ['county_admin'], county, '县级设置')
  await assertYearOpen(deps.store, b.year)
  const cur = await yearSettings(deps.store, b.year)
  const next: YearSettingsDoc = { ...cur }
  if (b.weights) {
    const unit = basisPoints(b.weights.unit, 'weights.unit')
    const estate = basisPoints(b.weights.estate, 'weights.estate')
    if (unit + estate !== 10000) fail('VALIDATION', `单位权重与小区权重之和必须为 1（现为 ${(unit + estate) / 10000}）`, { field: 'weights' })
    next.weights = { unit, estate }
  }
  if (b.bands) {
    const bands: Band[] = [...b.bands].sort((x, y) => y.min - x.min)
    if (new Set(bands.map((x) => x.name)).size !== bands.length) fail('VALIDATION', '等次名称不能重复', { field: 'bands' })
    if (new Set(bands.map((x) => x.min)).size !== bands.length) fail('VALIDATION', '等次分数线不能重复', { field: 'bands' })
    if (bands[bands.length - 1].min !== 0) fail('VALIDATION', '最低一档等次的分数线必须为 0，保证每个总分都有等次', { field: 'bands' })
    next.bands = bands
  }
  if (b.holidays) next.holidays = [...new Set(b.holidays)].sort()
  if (b.extraWorkdays) next.extraWorkdays = [...new Set(b.extraWorkdays)].sort()
  if (b.honourList !== undefined) next.honourList = b.honourList
  await deps.store.transaction(async (tx) => {
    await tx.set('settings', next)
    await tx.create('audit', auditDoc(ctx, 'settings.set', next._id, settingsView(cur), settingsView(next)))
  })
  return settingsView(next)
}

export async function settingsGet(b: BodyOf<'settings.get'>, _ctx: Ctx, deps: Deps) {
  return settingsView(await yearSettings(deps.store, b.year))
}

function publicityView(p: PublicityDoc, now: number) {
  return {
    publicityId: p._id,
    estateBranchId: p.estateBranchId,
    year: p.year,
    startOn: p.startOn,
    endOn: p.endOn,
    workingDays: p.workingDays,
    status: publicityStatus(p, shanghaiDate(now)),
  }
}

/**
 * The working-day calendar a 公示 starting on `startOn` runs through: the holidays and 调休 days configured for
 * the results year and for the calendar years it may cross (a 2025 公示 held in January 2026 skips 2026's
 * New Year holiday, wherever the county entered it).
 */
async function calendarFrom(deps: Deps, year: number, startOn: string) {
  const start = Number(startOn.slice(0, 4))
  const docs = await Promise.all([...new Set([year, start, start + 1])].map((y) => yearSettings(deps.store, y)))
  return { holidays: docs.flatMap((d) => d.holidays ?? []), extraWorkdays: docs.flatMap((d) => d.extraWorkdays ?? []) }
}

export async function publicityOpen(b: BodyOf<'publicity.open'>, ctx: Ctx, deps: Deps) {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate)
  const settings = await yearSettings(deps.store, b.year)
  if (settings.locked) fail('YEAR_LOCKED', `${b.year} 年度已定稿锁定`)
  const today = shanghaiDate(ctx.now)
  // No back-dating: a 公示 that "started" in the past would shorten the time members have to appeal.
  if (b.startOn < today) fail('VALIDATION', `公示开始日期（startOn）不能早于今天（${today}）`, { field: 'startOn' })
  const workingDays = b.workingDays ?? 5
  const doc: PublicityDoc = {
    _id: publicityId(estate._id, b.year),
    estateBranchId: estate._id,
    year: b.year,
    startOn: b.startOn,
    endOn: endAfterWorkingDays(b.startOn, workingDays, await calendarFrom(deps, b.year, b.startOn)),
    workingDays,
    openedBy: ctx.openid,
    openedAt: ctx.now,
  }
  try {
    await deps.store.transaction(async (tx) => {
      await tx.create('publicity', doc)
      await tx.create('audit', auditDoc(ctx, 'publicity.open', doc._id, null, { startOn: doc.startOn, endOn: doc.endOn }))
    })
  } catch (e) {
    if (e instanceof DocumentExists) fail('CONFLICT', `${estate.name} ${b.year} 年度已安排公示，不能重复发起`)
    throw e
  }
  return publicityView(doc, ctx.now)
}

export async function publicityGet(b: BodyOf<'publicity.get'>, ctx: Ctx, deps: Deps) {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  const own = ctx.member?.status === 'active' && ctx.member.estateBranchId === estate._id
  if (!own && !covers(ctx, ['estate_secretary', 'community_admin', 'street_admin', 'county_admin'], estate))
    fail('FORBIDDEN', `无权查看其他小区的公示（${estate.name}）`)
  const p = await deps.store.get<PublicityDoc>('publicity', publicityId(estate._id, b.year))
  return p ? publicityView(p, ctx.now) : null
}

function appealView(a: AppealDoc) {
  return {
    appealId: a._id,
    memberId: a.memberId,
    estateBranchId: a.estateBranchId,
    year: a.year,
    target: a.target,
    ...(a.targetId ? { targetId: a.targetId } : {}),
    reason: a.reason,
    status: a.status,
    createdAt: toIsoShanghai(a.createdAt),
    ...(a.answer ? { answer: a.answer } : {}),
    ...(a.resolvedAt ? { resolvedAt: toIsoShanghai(a.resolvedAt) } : {}),
    ...(a.adjustmentId ? { adjustmentId: a.adjustmentId } : {}),
  }
}

export async function appealCreate(b: BodyOf<'appeal.create'>, ctx: Ctx, deps: Deps) {
  const member = ctx.member as MemberDoc
  if (!member.estateBranchId) fail('CONFLICT', '尚未报到到小区')
  await assertYearOpen(deps.store, b.year)
  const p = await deps.store.get<PublicityDoc>('publicity', publicityId(member.estateBranchId as string, b.year))
  if (!p || publicityStatus(p, shanghaiDate(ctx.now)) !== 'open') {
    fail('OUT_OF_WINDOW', p ? `申诉只能在公示期内提交（${p.startOn} 至 ${p.endOn}）` : `${b.year} 年度积分尚未公示，公示期内才能申诉`)
  }
  if (b.target === 'total' && b.targetId) fail('VALIDATION', '对总分申诉时不需要 targetId', { field: 'targetId' })
  if (b.target !== 'total') {
    if (!b.targetId) fail('VALIDATION', '请指明申诉的记录（targetId）', { field: 'targetId' })
    const found =
      b.target === 'entry'
        ? await deps.store.get<LedgerDoc>('ledger', b.targetId as string)
        : await deps.store.get<AttendanceDoc>('attendances', b.targetId as string)
    const mine = found && found.memberId === member._id && found.year === b.year
    if (!mine || (b.target === 'rejection' && (found as AttendanceDoc).status !== 'rejected')) {
      fail('NOT_FOUND', b.target === 'entry' ? '没有找到您该年度的这条积分流水' : '没有找到您该年度被驳回的这次签到')
    }
  }
  const doc: AppealDoc = {
    _id: keyId('AP', member._id, String(b.year), b.target, b.targetId ?? ''),
    memberId: member._id,
    estateBranchId: member.estateBranchId as string,
    year: b.year,
    target: b.target,
    reason: b.reason,
    status: 'open',
    createdAt: ctx.now,
  }
  if (b.targetId) doc.targetId = b.targetId
  try {
    await deps.store.transaction(async (tx) => {
      await tx.create('appeals', doc)
      await tx.create('audit', auditDoc(ctx, 'appeal.create', doc._id, null, { target: b.target, targetId: b.targetId }))
    })
  } catch (e) {
    if (e instanceof DocumentExists && e.collection === 'appeals') fail('CONFLICT', '您已就此提交过申诉，请在“我的申诉”查看答复')
    throw e
  }
  return appealView(doc)
}

export async function appealMine(b: BodyOf<'appeal.mine'>, ctx: Ctx, deps: Deps) {
  const docs = await deps.store.find<AppealDoc>(
    'appeals',
    { memberId: (ctx.member as MemberDoc)._id, year: b.year },
    { orderBy: { field: 'createdAt', dir: 'desc' } },
  )
  return docs.map(appealView)
}

export async function appealList(b: BodyOf<'appeal.list'>, ctx: Ctx, deps: Deps) {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate)
  const docs = await deps.store.find<AppealDoc>(
    'appeals',
    { estateBranchId: estate._id, year: b.year, status: b.status ?? 'open' },
    { orderBy: { field: 'createdAt', dir: 'asc' } },
  )
  const members = docs.length ? await deps.store.find<MemberDoc>('members', { _id: new OneOf([...new Set(docs.map((d) => d.memberId))]) }) : []
  const names = new Map(members.map((m) => [m._id, m.name]))
  // What each appeal is about, so the secretary need not look it up: the entry's or the check-in's title.
  const titles = new Map<string, string>()
  for (const d of docs) {
    if (!d.targetId) continue
    if (d.target === 'entry') titles.set(d._id, (await deps.store.get<LedgerDoc>('ledger', d.targetId))?.title ?? '')
    else {
      const att = await deps.store.get<AttendanceDoc>('attendances', d.targetId)
      titles.set(d._id, att ? ((await basesOf(deps.store, [att])).get(att._id)?.title ?? '') : '')
    }
  }
  return docs.map((d) => ({
    ...appealView(d),
    memberName: names.get(d.memberId) ?? '',
    ...(titles.get(d._id) ? { targetTitle: titles.get(d._id) } : {}),
  }))
}

function adjustmentEntry(
  id: string,
  member: MemberDoc,
  estateBranchId: string,
  year: number,
  points: number,
  title: string,
  reason: string,
  ctx: Ctx,
  kind: LedgerDoc['kind'] = 'adjustment',
): LedgerDoc {
  return {
    _id: id,
    memberId: member._id,
    estateBranchId,
    unitBranchId: member.unitBranchId,
    year,
    kind,
    itemCode: kind === 'adjustment' ? 'ADJ' : kind,
    itemName: kind === 'adjustment' ? '调整' : kind,
    category: kind === 'adjustment' ? '调整' : kind,
    points,
    rulesetId: '',
    rulesetVersion: 0,
    sourceId: id,
    reason,
    title,
    at: ctx.now,
    createdAt: ctx.now,
    createdBy: ctx.openid,
  }
}

export async function appealResolve(b: BodyOf<'appeal.resolve'>, ctx: Ctx, deps: Deps) {
  const appeal = await deps.store.get<AppealDoc>('appeals', b.appealId)
  if (!appeal) fail('NOT_FOUND', `申诉不存在：${b.appealId}`)
  const a = appeal as AppealDoc
  const estate = await requireOrg(deps.store, a.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate)
  if (b.decision === 'reject' && b.points !== undefined) fail('VALIDATION', '不采纳时不能附调整分值', { field: 'points' })
  const member = (await deps.store.get<MemberDoc>('members', a.memberId)) as MemberDoc
  return deps.store.transaction(async (tx) => {
    await assertYearOpen(tx, a.year)
    const cur = (await tx.get<AppealDoc>('appeals', a._id)) as AppealDoc
    if (cur.status !== 'open') fail('CONFLICT', '该申诉已答复')
    const next: AppealDoc = {
      ...cur,
      status: b.decision === 'accept' ? 'accepted' : 'rejected',
      answer: b.reason,
      resolvedBy: ctx.openid,
      resolvedAt: ctx.now,
    }
    if (b.decision === 'accept' && b.points) {
      const entry = adjustmentEntry(`ADJ_${a._id}`, member, a.estateBranchId, a.year, b.points, '申诉调整', b.reason, ctx)
      await tx.create('ledger', entry)
      next.adjustmentId = entry._id
    }
    await tx.set('appeals', next)
    await tx.create('audit', auditDoc(ctx, 'appeal.resolve', a._id, { status: 'open' }, { status: next.status, answer: b.reason, points: b.points }))
    return appealView(next)
  })
}

export async function deductionRecord(b: BodyOf<'deduction.record'>, ctx: Ctx, deps: Deps) {
  const member = await deps.store.get<MemberDoc>('members', b.memberId)
  if (!member || member.status !== 'active' || !member.estateBranchId) fail('NOT_FOUND', `党员不存在或尚未完成报到：${b.memberId}`)
  const m = member as MemberDoc
  const estate = await requireOrg(deps.store, m.estateBranchId as string, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate, '其他小区的党员')
  const at = Date.parse(`${b.occurredOn}T12:00:00+08:00`)
  if (b.occurredOn > shanghaiDate(ctx.now)) fail('VALIDATION', '发生日期（occurredOn）不能晚于今天', { field: 'occurredOn' })
  const year = Number(b.occurredOn.slice(0, 4))
  await assertYearOpen(deps.store, year)
  const ruleset = await rulesetInForce(deps.store, estate._id, year, b.occurredOn)
  const item = ruleset?.items.find((i) => i.code === b.itemCode)
  if (!ruleset || !item || item.points >= 0) fail('VALIDATION', `${b.itemCode} 不是现行积分明细中的负面清单条目`, { field: 'itemCode' })
  // Evidence photos are checked as a claim's are: each must exist and have been uploaded by this secretary.
  const photos = await ownPhotos(ctx, deps.files, b.photos, '佐证照片')
  const entry: LedgerDoc = {
    ...adjustmentEntry(newId('DED_'), m, estate._id, year, (item as { points: number }).points, `扣分：${item?.name}`, b.reason, ctx, 'deduction'),
    itemCode: b.itemCode,
    itemName: item?.name ?? '',
    category: item?.category ?? '负面清单',
    rulesetId: ruleset?._id ?? '',
    rulesetVersion: ruleset?.version ?? 0,
    at,
    ...(b.evidence ? { evidence: b.evidence } : {}),
    ...(photos.length ? { evidencePhotos: photos } : {}),
  }
  await deps.store.transaction(async (tx) => {
    await tx.create('ledger', entry)
    await tx.create(
      'audit',
      auditDoc(ctx, 'deduction.record', entry._id, null, {
        memberId: m._id,
        itemCode: b.itemCode,
        points: entry.points,
        reason: b.reason,
        evidence: b.evidence,
        photos,
      }),
    )
  })
  return { entryId: entry._id, points: toNumber(entry.points), year }
}

export async function yearFinalise(b: BodyOf<'year.finalise'>, ctx: Ctx, deps: Deps) {
  const county = (await getOrg(deps.store, COUNTY_ID)) as OrgDoc
  requireScope(ctx, ['county_admin'], county, '年度定稿')
  const settings = await yearSettings(deps.store, b.year)
  if (settings.locked) fail('CONFLICT', `${b.year} 年度已定稿`)
  const today = shanghaiDate(ctx.now)
  const estates = (await orgsUnder(deps.store, county)).filter((o) => o.kind === 'estate')
  const waiting: string[] = []
  for (const e of estates) {
    if ((await deps.store.count('members', { estateBranchId: e._id, status: 'active' })) === 0) continue
    const p = await deps.store.get<PublicityDoc>('publicity', publicityId(e._id, b.year))
    if (!p || p.endOn >= today) waiting.push(e.name)
  }
  if (waiting.length) fail('CONFLICT', `以下小区的公示尚未结束，不能定稿：${waiting.join('、')}`, { estates: waiting })
  const open = await deps.store.count('appeals', { year: b.year, status: 'open' })
  if (open) fail('CONFLICT', `还有 ${open} 条申诉未答复，不能定稿`)
  const tally = await scoreTally({ year: b.year }, ctx, deps)
  await deps.store.transaction(async (tx) => {
    const cur = await yearSettings(tx, b.year)
    await tx.set('settings', { ...cur, locked: true, finalisedAt: ctx.now, finalisedBy: ctx.openid })
    await tx.create('audit', auditDoc(ctx, 'year.finalise', `year_${b.year}`, { locked: false }, { locked: true, members: tally.members }))
  })
  return { year: b.year, locked: true, members: tally.members, complete: tally.complete, incomplete: tally.incomplete }
}

export async function adjustmentRecord(b: BodyOf<'adjustment.record'>, ctx: Ctx, deps: Deps) {
  const county = (await getOrg(deps.store, COUNTY_ID)) as OrgDoc
  requireScope(ctx, ['county_admin'], county, '审计调整')
  const member = await deps.store.get<MemberDoc>('members', b.memberId)
  if (!member || !member.estateBranchId) fail('NOT_FOUND', `党员不存在或尚未报到：${b.memberId}`)
  const m = member as MemberDoc
  // Allowed after finalisation on purpose: this is the audited correction path.
  const entry = adjustmentEntry(newId('ADJ_'), m, m.estateBranchId as string, b.year, b.points, '审计调整', b.reason, ctx)
  await deps.store.transaction(async (tx) => {
    await tx.create('ledger', entry)
    await tx.create(
      'audit',
      auditDoc(ctx, 'adjustment.record', entry._id, null, { memberId: m._id, year: b.year, points: b.points, reason: b.reason }),
    )
  })
  return { entryId: entry._id, points: toNumber(b.points) }
}

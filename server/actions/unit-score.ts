// 单位积分: a unit branch's secretary previews the score sheet (nothing is saved), imports it, and lists it.
import { fail } from '../../src/core/errors'
import type { BodyOf } from '../../src/core/contracts'
import type { UnitScoreRow } from '../../src/core/api-types'
import { normaliseUnitScore, toNumber } from '../../src/core/scoring'
import { auditDoc } from '../context/audit'
import { requireScope } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import type { MemberDoc } from '../model/org'
import type { UnitScoreDoc } from '../model/score'
import { findIn, requireOrg } from '../queries/orgs'
import { assertYearOpen } from '../queries/year-settings'

const unitScoreId = (year: number, memberId: string) => `US_${year}_${memberId}`

export async function unitScoreImport(b: BodyOf<'unitScore.import'>, ctx: Ctx, deps: Deps) {
  const branch = await requireOrg(deps.store, b.unitBranchId, 'unitBranch', '单位党支部')
  requireScope(ctx, ['unit_secretary'], branch)
  await assertYearOpen(deps.store, b.year)
  const fullScale = b.fullScale ?? 10000
  const seen = new Set<string>()
  b.scores.forEach((row, i) => {
    if (seen.has(row.memberId)) fail('VALIDATION', `党员 ${row.memberId} 重复录入`, { field: `scores[${i}].memberId` })
    seen.add(row.memberId)
    if (row.score > fullScale)
      fail('VALIDATION', `单位积分（scores[${i}].score）不能大于单位满分 ${toNumber(fullScale)}`, { field: `scores[${i}].score` })
  })
  const members = await findIn(deps.store, 'members', '_id', [...seen])
  const byId = new Map(members.map((m) => [m._id, m]))
  b.scores.forEach((row, i) => {
    const m = byId.get(row.memberId)
    if (!m) fail('NOT_FOUND', `党员不存在：${row.memberId}`, { field: `scores[${i}].memberId` })
    if (m.unitBranchId !== branch._id) fail('FORBIDDEN', `${m.name} 不属于本单位党支部，不能录入`, { field: `scores[${i}].memberId` })
  })
  let created = 0
  let updated = 0
  await deps.store.transaction(async (tx) => {
    for (const row of b.scores) {
      const id = unitScoreId(b.year, row.memberId)
      const before = await tx.get('unitScores', id)
      const doc: UnitScoreDoc = {
        _id: id,
        memberId: row.memberId,
        unitBranchId: branch._id,
        year: b.year,
        raw: row.score,
        fullScale,
        score: normaliseUnitScore(row.score, fullScale),
        enteredBy: ctx.openid,
        enteredAt: ctx.now,
      }
      await tx.set('unitScores', doc)
      await tx.create(
        'audit',
        auditDoc(ctx, 'unitScore.import', id, before ? { raw: before.raw, fullScale: before.fullScale } : null, { raw: doc.raw, fullScale }),
      )
      if (before) updated++
      else created++
    }
  })
  return { imported: b.scores.length, created, updated }
}

export async function unitScoreList(b: BodyOf<'unitScore.list'>, ctx: Ctx, deps: Deps): Promise<UnitScoreRow[]> {
  const branch = await requireOrg(deps.store, b.unitBranchId, 'unitBranch', '单位党支部')
  requireScope(ctx, ['unit_secretary'], branch)
  const members = await deps.store.find('members', { unitBranchId: branch._id })
  const scores = await deps.store.find('unitScores', { unitBranchId: branch._id, year: b.year })
  const by = new Map(scores.map((s) => [s.memberId, s]))
  return members
    .filter((m) => m.status !== 'rejected')
    .sort((a, c) => a.name.localeCompare(c.name, 'zh'))
    .map((m) => {
      const s = by.get(m._id)
      return {
        memberId: m._id,
        name: m.name,
        phone: m.phone,
        ...(m.estateBranchId ? { estateBranchId: m.estateBranchId } : {}),
        raw: s ? toNumber(s.raw) : null,
        fullScale: s ? toNumber(s.fullScale) : null,
        unitScore: s ? toNumber(s.score) : null,
      }
    })
}

interface PreviewProblem {
  line: number
  name?: string
  phone?: string
  memberId?: string
  reason: string
}

export async function unitScorePreview(b: BodyOf<'unitScore.preview'>, ctx: Ctx, deps: Deps) {
  const branch = await requireOrg(deps.store, b.unitBranchId, 'unitBranch', '单位党支部')
  requireScope(ctx, ['unit_secretary'], branch)
  const members = (await deps.store.find('members', { unitBranchId: branch._id })).filter((m) => m.status !== 'rejected')
  const byId = new Map(members.map((m) => [m._id, m]))
  const existing = new Map((await deps.store.find('unitScores', { unitBranchId: branch._id, year: b.year })).map((u) => [u.memberId, u]))
  const matched: { line: number; memberId: string; name: string; raw: number; fullScale: number; unitScore: number; previous: number | null }[] = []
  const problems: PreviewProblem[] = []
  const seen = new Map<string, number>()
  for (const row of b.rows) {
    const who = {
      line: row.line,
      ...(row.name ? { name: row.name } : {}),
      ...(row.phone ? { phone: row.phone } : {}),
      ...(row.memberId ? { memberId: row.memberId } : {}),
    }
    if (row.problem || row.score === undefined) {
      problems.push({ ...who, reason: row.problem ?? '缺少积分' })
      continue
    }
    let member: MemberDoc | undefined
    if (row.memberId) {
      member = byId.get(row.memberId)
      if (!member) {
        problems.push({ ...who, reason: `本支部没有党员编号 ${row.memberId}` })
        continue
      }
    } else {
      const found = members.filter((m) => m.name === row.name && m.phone === row.phone)
      if (found.length !== 1) {
        problems.push({ ...who, reason: row.name && row.phone ? '本支部名册中找不到姓名与手机号都一致的党员' : '缺少姓名或手机号，无法匹配' })
        continue
      }
      member = found[0]
    }
    const fullScale = row.fullScale ?? b.fullScale ?? 10000
    if (row.score < 0 || row.score > fullScale) {
      problems.push({ ...who, reason: `积分 ${toNumber(row.score)} 超出 0–${toNumber(fullScale)} 的范围` })
      continue
    }
    const earlier = seen.get(member._id)
    if (earlier !== undefined) {
      problems.push({ ...who, reason: `与第 ${earlier} 行是同一名党员（${member.name}）` })
      continue
    }
    seen.set(member._id, row.line)
    const prev = existing.get(member._id)
    matched.push({
      line: row.line,
      memberId: member._id,
      name: member.name,
      raw: toNumber(row.score),
      fullScale: toNumber(fullScale),
      unitScore: toNumber(normaliseUnitScore(row.score, fullScale)),
      previous: prev ? toNumber(prev.score) : null,
    })
  }
  const unscored = members.filter((m) => !seen.has(m._id) && !existing.has(m._id)).map((m) => ({ memberId: m._id, name: m.name }))
  return { matched, problems, unscored }
}

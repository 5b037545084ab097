// 我的积分 and the score list of a scope: both computed by queries/scores.ts, so what a member sees and what the
// county signs off are the same numbers.
import { fail } from '../../../src/core/errors'
import type { BodyOf } from '../../../src/core/contracts'
import type { EntryView, ScoreList, ScoreMine } from '../../../src/core/api-types'
import type { Hmac } from '../../../src/core/rotating-code'
import { toNumber } from '../../../src/core/scoring'
import { shanghaiMonth, toIsoShanghai } from '../../../src/core/time'
import { SCOPE_READERS, requireScope } from '../../context/authz'
import { memberOf, type Ctx } from '../../context/caller'
import type { Deps } from '../../context/deps'
import { basesOf } from '../../queries/activities'
import { nameOfOpenid } from '../../queries/members'
import { getOrg, requireOrg } from '../../queries/orgs'
import { LIST_LIVE_MAX, frozenMember, frozenRoster, scoreListPage, scoreMembers, weightsView } from '../../queries/scores'
import { yearSettings } from '../../queries/year-settings'

/**
 * A small scope is computed now and answered whole; a large one pages the stored totals of the last 核算
 * (queries/scores.ts scoreListPage, docs/DESIGN.md#budgets-and-how-they-are-measured). `liveMax` is for tests.
 */
export async function scoreList(b: BodyOf<'score.list'>, ctx: Ctx, deps: Deps, liveMax = LIST_LIVE_MAX): Promise<ScoreList> {
  const scope = await requireOrg(deps.store, b.scopeId, ['county', 'street', 'community', 'estate', 'unit', 'unitBranch'], '范围')
  requireScope(ctx, SCOPE_READERS, scope)
  const after = b.cursor === undefined ? undefined : openCursor(deps.hmac, b.cursor, b.year, scope._id)
  const page = await scoreListPage(deps.store, b.year, scope, { ...(after !== undefined ? { after } : {}), liveMax })
  return {
    rows: page.rows,
    ...(page.next !== null ? { next: sealCursor(deps.hmac, b.year, scope._id, page.next) } : {}),
    // A live answer is exactly what it always was: rows only.
    ...(page.mode === 'live' ? {} : { mode: page.mode, talliedAt: page.talliedAt === null ? null : toIsoShanghai(page.talliedAt) }),
  }
}

/**
 * A page cursor says which list it continues (year, scope) and where (a rankKey), signed with the server's key so
 * that a made-up or altered one is refused rather than read as a position. It grants nothing: the scope is
 * checked on every page.
 */
const cursorSig = (hmac: Hmac, payload: string) =>
  Buffer.from(hmac(`score.list|${payload}`))
    .subarray(0, 12)
    .toString('base64url')

function sealCursor(hmac: Hmac, year: number, scopeId: string, after: string): string {
  const payload = `c1.${year}.${scopeId}.${after}`
  return `${payload}.${cursorSig(hmac, payload)}`
}

function openCursor(hmac: Hmac, cursor: string, year: number, scopeId: string): string {
  const parts = cursor.split('.')
  const payload = parts.slice(0, -1).join('.')
  if (parts.length !== 5 || parts[0] !== 'c1' || !parts[3] || cursorSig(hmac, payload) !== parts[4]) {
    return fail('VALIDATION', '翻页标记无效，请从第一页重新加载')
  }
  if (parts[1] !== String(year) || parts[2] !== scopeId) return fail('VALIDATION', '翻页标记属于另一个范围或年度，请从第一页重新加载')
  return parts[3]
}

export async function scoreMine(b: BodyOf<'score.mine'>, ctx: Ctx, deps: Deps): Promise<ScoreMine> {
  const settings = await yearSettings(deps.store, b.year)
  // A locked year is shown the way it was finalised: the estate and peers of the frozen roster (see frozenRoster).
  const frozen = settings.locked ? await deps.store.get('totals', `TT_${b.year}_${memberOf(ctx)._id}`) : null
  const member = frozen ? frozenMember(frozen) : memberOf(ctx)
  const estateId = member.estateBranchId ?? ''
  const peers = !estateId
    ? [member]
    : frozen
      ? await frozenRoster(deps.store, b.year, { estateBranchId: estateId })
      : await deps.store.find('members', { estateBranchId: estateId, status: 'active' })
  const scored = await scoreMembers(deps.store, b.year, peers.some((p) => p._id === member._id) ? peers : [...peers, member], settings)
  const me = scored.find((r) => r.member._id === member._id)
  if (!me) return fail('NOT_FOUND', `党员不存在：${member._id}`)
  const [estateOrg, unitOrg] = await Promise.all([getOrg(deps.store, estateId), getOrg(deps.store, member.unitBranchId)])
  const enteredByName = me.unit ? await nameOfOpenid(deps.store, me.unit.enteredBy, '单位党支部书记') : ''

  // A deduction's evidence is shown to the member it is against, its photos through short-lived URLs (like reviewers
  // see a claim's photos in attendance.list).
  const photoUrls = await deps.files.urls(me.entries.flatMap((e) => e.evidencePhotos ?? []))
  const entries: EntryView[] = me.entries.map((e) => {
    const view: EntryView = {
      id: e._id,
      kind: e.kind,
      itemCode: e.itemCode,
      itemName: e.itemName,
      category: e.category,
      points: toNumber(e.points),
      status: 'approved',
      at: toIsoShanghai(e.at),
      title: e.title,
      rulesetVersion: e.rulesetVersion,
    }
    if (e.evidence) view.evidence = e.evidence
    const photos = (e.evidencePhotos ?? []).flatMap((id) => photoUrls.get(id) ?? [])
    if (photos.length) view.photos = photos
    return view
  })
  // Attendances not yet approved are shown with their status, and count for nothing until approved.
  const open = (await deps.store.find('attendances', { memberId: member._id, year: b.year })).filter(
    (a) => a.status === 'pending' || a.status === 'rejected',
  )
  const bases = await basesOf(deps.store, open)
  for (const a of open) {
    // Approved and revoked ones are in the ledger already (the entry and its reversal).
    const basis = bases.get(a._id)
    if (!basis) continue
    const view: EntryView = {
      id: a._id,
      kind: a.claim ? 'claim' : 'activity',
      itemCode: basis.item.code,
      itemName: basis.item.name,
      category: basis.item.category,
      points: toNumber(basis.item.points),
      status: a.status,
      at: toIsoShanghai(basis.startAt),
      title: basis.title,
      rulesetVersion: basis.rulesetVersion,
    }
    if (a.reason) view.reason = a.reason
    entries.push(view)
  }
  entries.sort((x, y) => y.at.localeCompare(x.at))

  const byMonth: Record<string, number> = {}
  const monthH = new Map<string, number>()
  for (const e of me.entries) monthH.set(shanghaiMonth(e.at), (monthH.get(shanghaiMonth(e.at)) ?? 0) + e.points)
  for (const [k, v] of [...monthH].sort()) byMonth[k] = toNumber(v)
  const byCategory: Record<string, number> = Object.fromEntries(Object.entries(me.estate.byCategory).map(([k, v]) => [k, toNumber(v)]))

  return {
    year: b.year,
    unitScore: me.unit ? toNumber(me.unit.score) : null,
    estateScore: toNumber(me.estate.estateScore),
    weights: weightsView(settings),
    total: me.total === null ? null : toNumber(me.total),
    complete: me.complete,
    band: me.band,
    unitSource: me.unit
      ? {
          raw: toNumber(me.unit.raw),
          fullScale: toNumber(me.unit.fullScale),
          unitBranchId: member.unitBranchId,
          ...(unitOrg ? { unitBranchName: unitOrg.name } : {}),
          enteredBy: me.unit.enteredBy,
          enteredByName,
          enteredAt: toIsoShanghai(me.unit.enteredAt),
        }
      : null,
    estateSource: {
      estateBranchId: estateId,
      ...(estateOrg ? { estateBranchName: estateOrg.name } : {}),
      ...(me.ruleset ? { rulesetId: me.ruleset._id, rulesetVersion: me.ruleset.version } : {}),
      baseScore: toNumber(me.ruleset?.baseScore ?? 0),
      fullScore: toNumber(me.ruleset?.fullScore ?? 10000),
    },
    entries,
    byCategory,
    byMonth,
    rankInEstate: me.rankInEstate,
    estateMembers: scored.length,
  }
}

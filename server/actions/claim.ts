// 自主申报 (docs/DESIGN.md#the-ledger): a member reports volunteer service no activity covered, naming a rule item, the day and
// what happened, with up to 3 photos. It is stored as a record of the review queue (kind 'claim'), so the
// secretary approves, rejects and revokes it exactly like a check-in, and an approval writes a ledger entry.
import { fail } from '../../src/core/errors'
import type { BodyOf } from '../../src/core/contracts'
import type { CheckinResult } from '../../src/core/api-types'
import { shanghaiDate } from '../../src/core/working-days'
import { DAY } from '../../src/core/time'
import { DocumentExists } from '../ports/store.port'
import { auditDoc } from '../context/audit'
import { memberOf, type Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { keyId } from '../context/ids'
import { ownPhotos } from '../context/photos'
import type { AttendanceDoc, ClaimInfo } from '../model/activity'
import { requireOrg } from '../queries/orgs'
import { rulesetInForce } from '../queries/rulesets'
import { assertYearOpen } from '../queries/year-settings'

/** How long after the service it may still be claimed. */
export const CLAIM_WITHIN_DAYS = 30

/** One claim per member, rule item and day: a retried submission finds it, a second one is refused. */
export const claimId = (memberId: string, itemCode: string, occurredOn: string) => keyId('C', memberId, itemCode, occurredOn)
const sameClaim = (a: ClaimInfo, b: ClaimInfo) =>
  a.title === b.title && a.description === b.description && a.minutes === b.minutes && a.photos.join('\n') === b.photos.join('\n')

export async function claimSubmit(b: BodyOf<'claim.submit'>, ctx: Ctx, deps: Deps): Promise<CheckinResult> {
  const member = memberOf(ctx)
  if (!member.estateBranchId) fail('CONFLICT', '请先完成小区报到后再申报')
  const estate = await requireOrg(deps.store, member.estateBranchId, 'estate', '小区党支部')
  const today = shanghaiDate(ctx.now)
  if (b.occurredOn > today) fail('VALIDATION', '服务日期（occurredOn）不能晚于今天', { field: 'occurredOn' })
  if (b.occurredOn < shanghaiDate(ctx.now - CLAIM_WITHIN_DAYS * DAY))
    fail('VALIDATION', `只能申报 ${CLAIM_WITHIN_DAYS} 天内的服务`, { field: 'occurredOn' })
  const year = Number(b.occurredOn.slice(0, 4))
  await assertYearOpen(deps.store, year)
  const ruleset = await rulesetInForce(deps.store, estate._id, year, b.occurredOn)
  if (!ruleset) fail('CONFLICT', `${estate.name} ${year} 年度尚未采用积分明细，暂不能申报`)
  const rs = ruleset
  const item = rs.items.find((i) => i.code === b.itemCode)
  if (!item || item.points <= 0) fail('VALIDATION', `积分细则（itemCode）${b.itemCode} 不在现行积分明细的加分项中`, { field: 'itemCode' })
  const it = item
  if (it.perHour && b.minutes === undefined) fail('VALIDATION', `“${it.name}”按小时计分，请填写服务时长（minutes）`, { field: 'minutes' })
  if (it.evidenceRequired && !b.photos?.length) fail('VALIDATION', `“${it.name}”需要佐证，请至少附 1 张照片`, { field: 'photos' })
  const photos = await ownPhotos(ctx, deps.files, b.photos, '照片')
  const claim: ClaimInfo = {
    title: b.title,
    description: b.description,
    occurredOn: b.occurredOn,
    photos,
    item: it,
    rulesetId: rs._id,
    rulesetVersion: rs.version,
  }
  if (b.minutes !== undefined) claim.minutes = b.minutes
  const id = claimId(member._id, it.code, b.occurredOn)
  const doc: AttendanceDoc = {
    _id: id,
    activityId: id,
    memberId: member._id,
    estateBranchId: estate._id,
    unitBranchId: member.unitBranchId,
    year,
    checkinAt: ctx.now,
    status: 'pending',
    flags: ['claim'],
    kind: 'claim',
    claim,
  }
  const answer = (d: AttendanceDoc, repeated: boolean): CheckinResult => ({
    attendanceId: d._id,
    activityId: d._id,
    activityTitle: d.claim?.title ?? '',
    status: d.status,
    repeated,
    flags: d.flags,
  })
  const existing = async () => {
    const cur = await deps.store.get('attendances', id)
    if (cur?.claim && sameClaim(cur.claim, claim)) return answer(cur, true)
    return fail('CONFLICT', `您已申报过 ${b.occurredOn} 的“${it.name}”，同一细则同一天只能申报一次`, { attendanceId: id })
  }
  try {
    return await deps.store.transaction(async (tx) => {
      if (await tx.get('attendances', id)) throw new DocumentExists('attendances', id)
      await tx.create('attendances', doc)
      await tx.create(
        'audit',
        auditDoc(ctx, 'claim.submit', id, null, { itemCode: it.code, occurredOn: b.occurredOn, minutes: b.minutes, photos: photos.length }),
      )
      return answer(doc, false)
    })
  } catch (e) {
    if (e instanceof DocumentExists && e.collection === 'attendances') return existing()
    throw e
  }
}

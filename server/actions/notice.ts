// Notices: to a member (e.g. that an activity they signed up for was cancelled), and to a secretary or admin as
// such, by openid (e.g. a 述职 reminder, docs/DESIGN.md#duty-reports), who need not be a member at all.
import type { BodyOf } from '../../src/core/contracts'
import type { NoticeView } from '../../src/core/api-types'
import { toIsoShanghai } from '../../src/core/time'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'

const LIMIT = 100

export async function noticeMine(_b: BodyOf<'notice.mine'>, ctx: Ctx, deps: Deps): Promise<NoticeView[]> {
  const newest = { orderBy: { field: 'at', dir: 'desc' as const }, limit: LIMIT }
  const [toMember, toOpenid] = await Promise.all([
    ctx.member ? deps.store.find('notices', { memberId: ctx.member._id }, newest) : [],
    deps.store.find('notices', { openid: ctx.openid }, newest),
  ])
  const docs = [...toMember, ...toOpenid].sort((a, b) => b.at - a.at || a._id.localeCompare(b._id)).slice(0, LIMIT)
  return docs.map((n) => ({
    id: n._id,
    title: n.title,
    body: n.body,
    at: toIsoShanghai(n.at),
    ...(n.activityId ? { activityId: n.activityId } : {}),
  }))
}

// Notices to a member, e.g. that an activity they signed up for was cancelled.
import type { BodyOf } from '../../src/core/contracts'
import type { NoticeView } from '../../src/core/api-types'
import { toIsoShanghai } from '../../src/core/time'
import { memberOf, type Ctx } from '../context/caller'
import type { Deps } from '../context/deps'

export async function noticeMine(_b: BodyOf<'notice.mine'>, ctx: Ctx, deps: Deps): Promise<NoticeView[]> {
  const docs = await deps.store.find('notices', { memberId: memberOf(ctx)._id }, { orderBy: { field: 'at', dir: 'desc' }, limit: 100 })
  return docs.map((n) => ({
    id: n._id,
    title: n.title,
    body: n.body,
    at: toIsoShanghai(n.at),
    ...(n.activityId ? { activityId: n.activityId } : {}),
  }))
}

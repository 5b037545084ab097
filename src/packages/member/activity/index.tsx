import { View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import AsyncView from '@/components/AsyncView'
import EmptyState from '@/components/EmptyState'
import MemberGate from '@/components/MemberGate'
import { useAction, useBusy, useMe, useNow, usePullRefresh, useReloadOnShow } from '@/hooks'
import { callAction } from '@/services/api'
import { showSuccess } from '@/services/feedback'
import { askFor } from '@/services/subscribe'
import { rangeText } from '@/utils/format'
import { ACTIVITIES_URL, activityUrl } from '@/utils/routes'
import DetailBody from './DetailBody'
import './index.scss'

export default function ActivityDetail() {
  const router = useRouter()
  const activityId = router.params.activityId ? decodeURIComponent(router.params.activityId) : ''
  const { me, loading, error, reload, isMember } = useMe()
  const detail = useAction('activity.get', isMember && activityId ? { activityId } : null, [isMember, activityId])
  const a = detail.data
  // The member's own record carries the review flags and any reason; only needed once there is one.
  const mine = useAction('attendance.mine', a?.mine ? {} : null, [a?.mine?.attendanceId, a?.mine?.status, a?.mine?.checkoutAt])
  const now = useNow(30_000)
  const { busy, run } = useBusy()
  usePullRefresh(reload, detail.reload)
  useReloadOnShow(detail.reload)

  useShareAppMessage(() => ({
    title: a ? `${a.title}（${rangeText(a.startAt, a.endAt)}）` : '志愿服务活动',
    path: activityUrl(activityId),
  }))

  const record = a?.mine ? (mine.data ?? []).find((r) => r.id === a.mine?.attendanceId) : undefined

  const signup = async (cancel: boolean) => {
    if (!a || busy) return
    // 订阅消息: asked inside the tap, before anything waits (docs/DESIGN.md#reminders).
    if (!cancel) void askFor('signup')
    if (cancel) {
      const ok = await Taro.showModal({ title: '取消报名', content: `确定不参加“${a.title}”了吗？`, confirmText: '取消报名', cancelText: '再想想' })
      if (!ok.confirm) return
    }
    await run(async () => {
      if (cancel) await callAction('activity.cancelSignup', { activityId: a.id })
      else await callAction('activity.signup', { activityId: a.id })
      showSuccess(cancel ? '已取消报名' : '报名成功')
    })
    await detail.reload()
  }

  return (
    <View className='page activity-detail'>
      <MemberGate me={me} loading={loading} error={error} onRetry={reload}>
        {!activityId ? (
          <EmptyState
            title='没有找到这个活动'
            hint='请从“活动”列表打开活动详情。'
            actionText='查看全部活动'
            onAction={() => Taro.switchTab({ url: ACTIVITIES_URL })}
          />
        ) : (
          <AsyncView state={detail} skeleton={{ cards: 3 }}>
            {(a) => <DetailBody a={a} now={now} record={record} busy={busy} onSignup={() => signup(false)} onCancelSignup={() => signup(true)} />}
          </AsyncView>
        )}
      </MemberGate>
    </View>
  )
}

import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import type { ActivityView, AttendanceView } from '@/core/api-types'
import { PHASE_LABEL } from '@/components/ActivityCard'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import FlagList from '@/components/FlagList'
import MemberGate from '@/components/MemberGate'
import Skeleton from '@/components/Skeleton'
import StatusBadge from '@/components/StatusBadge'
import { useAction, useMe, useNow, usePullRefresh, useReloadOnShow } from '@/hooks'
import { callAction, rowsOf } from '@/services/api'
import { showError, showSuccess } from '@/services/feedback'
import { memberActions } from '@/utils/activity-actions'
import { activityPhase, dateTimeText, rangeText, score2, signupText } from '@/utils/format'
import { activityUrl, checkinUrl } from '@/utils/routes'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

export default function ActivityDetail() {
  const router = useRouter()
  const activityId = router.params.activityId ? decodeURIComponent(router.params.activityId) : ''
  const { me, loading, error, reload, isMember } = useMe()
  const detail = useAction('activity.get', isMember && activityId ? { activityId } : null, [isMember, activityId])
  const a = detail.data
  // The member's own record carries the review flags and any reason; only needed once there is one.
  const mine = useAction('attendance.mine', a?.mine ? {} : null, [a?.mine?.attendanceId, a?.mine?.status, a?.mine?.checkoutAt])
  const now = useNow(30_000)
  const [busy, setBusy] = useState(false)
  usePullRefresh(reload, detail.reload)
  useReloadOnShow(detail.reload)

  useShareAppMessage(() => ({
    title: a ? `${a.title}（${rangeText(a.startAt, a.endAt)}）` : '志愿服务活动',
    path: activityUrl(activityId),
  }))

  const record = a?.mine ? rowsOf(mine.data).find((r) => r.id === a.mine?.attendanceId) : undefined

  const signup = async (cancel: boolean) => {
    if (!a || busy) return
    if (cancel) {
      const ok = await Taro.showModal({ title: '取消报名', content: `确定不参加“${a.title}”了吗？`, confirmText: '取消报名', cancelText: '再想想' })
      if (!ok.confirm) return
    }
    setBusy(true)
    try {
      if (cancel) await callAction('activity.cancelSignup', { activityId: a.id })
      else await callAction('activity.signup', { activityId: a.id })
      showSuccess(cancel ? '已取消报名' : '报名成功')
    } catch (err) {
      showError(err)
    } finally {
      setBusy(false)
      await detail.reload()
    }
  }

  return (
    <View className='page activity-detail'>
      <MemberGate me={me} loading={loading} error={error} onRetry={reload}>
        {!activityId ? (
          <EmptyState
            title='没有找到这个活动'
            hint='请从“活动”列表打开活动详情。'
            actionText='查看全部活动'
            onAction={() => Taro.switchTab({ url: '/pages/activities/index' })}
          />
        ) : detail.error && !a ? (
          <ErrorView error={detail.error} onRetry={detail.reload} />
        ) : !a ? (
          <Skeleton cards={3} />
        ) : (
          <DetailBody a={a} now={now} record={record} busy={busy} onSignup={() => signup(false)} onCancelSignup={() => signup(true)} />
        )}
      </MemberGate>
    </View>
  )
}

interface DetailBodyProps {
  a: ActivityView
  now: number
  record: AttendanceView | undefined
  busy: boolean
  onSignup: () => void
  onCancelSignup: () => void
}

function DetailBody({ a, now, record, busy, onSignup, onCancelSignup }: DetailBodyProps) {
  const phase = a.status === 'cancelled' ? null : activityPhase(a, now)
  const { signup, attend } = memberActions(a, now)
  const flags = record?.flags ?? []
  const beforeOpen = phase === 'upcoming' && now < Date.parse(a.checkinOpensAt)
  return (
    <View>
      <View className='card activity-detail__head'>
        <View className='activity-detail__title-row'>
          <Text className='activity-detail__title activity-detail-title'>{a.title}</Text>
          <Text className={`activity-detail__phase activity-detail__phase--${phase ?? 'cancelled'} activity-detail-status`}>
            {phase ? PHASE_LABEL[phase] : '已取消'}
          </Text>
        </View>
        {a.estateBranchName ? <Text className='muted'>{a.estateBranchName}</Text> : null}
      </View>

      {a.status === 'cancelled' ? (
        <View className='notice activity-detail-cancelled'>
          <Text className='activity-detail__cancel-title'>活动已取消</Text>
          {a.cancelReason ? <Text className='activity-detail__cancel-reason'>原因：{a.cancelReason}</Text> : null}
        </View>
      ) : null}

      <View className='card activity-detail__facts'>
        <Fact label='时间' value={rangeText(a.startAt, a.endAt)} />
        {a.location?.address ? <Fact label='地点' value={a.location.address} /> : null}
        {a.location ? <Fact label='位置' value={`签到时核对位置：活动地点 ${a.location.radiusM} 米内`} className='activity-detail-geofence' /> : null}
        <Fact label='积分' value={`${a.itemName} ${score2(a.points)} 分${a.perHour ? '/小时' : '/次'}`} />
        <Fact label='报名' value={signupText(a)} className='activity-detail-capacity' />
        <Fact label='签到' value={`已签到 ${a.checkedIn} 人${a.requireCheckout ? ' · 需要签退' : ''}`} />
        {a.status !== 'cancelled' && phase !== 'past' ? (
          <Fact label='签到时间' value={`${dateTimeText(a.checkinOpensAt)} 起（开始前 30 分钟）`} />
        ) : null}
      </View>

      {a.description ? (
        <View className='card'>
          <Text className='activity-detail__section'>活动说明</Text>
          <Text className='activity-detail__desc'>{a.description}</Text>
        </View>
      ) : null}

      {a.mine ? (
        <View className='card activity-detail__mine activity-detail-mine'>
          <View className='activity-detail__mine-head'>
            <Text className='activity-detail__section'>我的签到</Text>
            <StatusBadge status={a.mine.status} className='activity-detail-mine-status' />
          </View>
          <Text className='activity-detail__line'>签到：{dateTimeText(a.mine.checkinAt)}</Text>
          {a.mine.checkoutAt ? (
            <Text className='activity-detail__line'>签退：{dateTimeText(a.mine.checkoutAt)}</Text>
          ) : a.requireCheckout ? (
            <Text className='activity-detail__line activity-detail-no-checkout'>签退：尚未签退（活动结束后 2 小时内可签退）</Text>
          ) : null}
          <FlagList
            className='activity-detail-flags'
            flags={flags}
            lead={a.mine.status === 'pending' ? '这次签到需要书记审核，原因：' : '记录说明：'}
          />
          {a.mine.status === 'pending' ? <Text className='hint activity-detail__hint'>审核通过后计入积分，可在“我的积分”查看。</Text> : null}
          {record?.reason && (a.mine.status === 'rejected' || a.mine.status === 'revoked') ? (
            <Text className='activity-detail__reason'>
              {a.mine.status === 'rejected' ? '驳回理由' : '撤销理由'}：{record.reason}
            </Text>
          ) : null}
        </View>
      ) : a.mySignup && a.status !== 'cancelled' ? (
        <View className='card activity-detail__signed activity-detail-signed'>
          <Text className='activity-detail__signed-text'>✓ 您已报名</Text>
          <Text className='hint'>{beforeOpen ? `请按时参加，${dateTimeText(a.checkinOpensAt)} 起可签到。` : '到场后扫码签到即可。'}</Text>
        </View>
      ) : null}

      {signup || attend || isWeapp ? (
        <View className='activity-detail__actions'>
          {attend === 'checkin' ? (
            <Button className='btn btn-primary activity-detail-checkin' onClick={() => Taro.navigateTo({ url: checkinUrl(a.id) })}>
              去签到
            </Button>
          ) : null}
          {attend === 'checkout' ? (
            <Button className='btn btn-primary activity-detail-checkout' onClick={() => Taro.navigateTo({ url: checkinUrl(a.id, 'checkout') })}>
              签退
            </Button>
          ) : null}
          {signup === 'signup' ? (
            <Button className={`btn ${attend ? 'btn-plain' : 'btn-primary'} activity-detail-signup`} disabled={busy || undefined} onClick={onSignup}>
              {busy ? '提交中…' : '报名参加'}
            </Button>
          ) : null}
          {signup === 'cancel' ? (
            <Button className='btn btn-gray activity-detail-cancel-signup' disabled={busy || undefined} onClick={onCancelSignup}>
              {busy ? '提交中…' : '取消报名'}
            </Button>
          ) : null}
          {signup === 'full' ? (
            <Button className='btn btn-gray activity-detail-full' disabled>
              名额已满
            </Button>
          ) : null}
          {isWeapp && a.status !== 'cancelled' ? (
            <Button className='btn btn-plain activity-detail-share' openType='share'>
              分享给党员
            </Button>
          ) : null}
        </View>
      ) : null}
      {!signup && !attend && !a.mine && a.status !== 'cancelled' && phase === 'past' ? (
        <Text className='hint activity-detail__ended'>活动已结束。</Text>
      ) : null}
    </View>
  )
}

function Fact({ label, value, className = '' }: { label: string; value: string; className?: string }) {
  return (
    <View className={`activity-detail__fact ${className}`}>
      <Text className='activity-detail__fact-label'>{label}</Text>
      <Text className='activity-detail__fact-value'>{value}</Text>
    </View>
  )
}

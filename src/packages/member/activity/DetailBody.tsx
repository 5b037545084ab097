import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActivityView, AttendanceView } from '@/core/api-types'
import { PHASE_LABEL } from '@/components/ActivityCard'
import FlagList from '@/components/FlagList'
import StatusBadge from '@/components/StatusBadge'
import { platform } from '@/services/platform'
import { type MemberActions, memberActions } from '@/utils/activity-actions'
import { cx, hook } from '@/utils/cx'
import { activityPhase, dateTimeText, rangeText, score2, signupText } from '@/utils/format'
import { checkinUrl } from '@/utils/routes'

interface SignupProps {
  busy: boolean
  onSignup: () => void
  onCancelSignup: () => void
}

interface DetailBodyProps extends SignupProps {
  a: ActivityView
  now: number
  record: AttendanceView | undefined
}

export default function DetailBody({ a, now, record, ...signupProps }: DetailBodyProps) {
  const phase = a.status === 'cancelled' ? null : activityPhase(a, now)
  const actions = memberActions(a, now)
  const beforeOpen = phase === 'upcoming' && now < Date.parse(a.checkinOpensAt)
  return (
    <View>
      <View className='card activity-detail__head'>
        <View className='activity-detail__title-row'>
          <Text className={cx('activity-detail__title', hook('activity-detail-title'))}>{a.title}</Text>
          <Text className={cx('activity-detail__phase', `activity-detail__phase--${phase ?? 'cancelled'}`, hook('activity-detail-status'))}>
            {phase ? PHASE_LABEL[phase] : '已取消'}
          </Text>
        </View>
        {a.estateBranchName ? <Text className='muted'>{a.estateBranchName}</Text> : null}
      </View>

      {a.status === 'cancelled' ? (
        <View className={cx('notice', hook('activity-detail-cancelled'))}>
          <Text className='activity-detail__cancel-title'>活动已取消</Text>
          {a.cancelReason ? <Text className='activity-detail__cancel-reason'>原因：{a.cancelReason}</Text> : null}
        </View>
      ) : null}

      <View className='card activity-detail__facts'>
        <Fact label='时间' value={rangeText(a.startAt, a.endAt)} />
        {a.location?.address ? <Fact label='地点' value={a.location.address} /> : null}
        {a.location ? (
          <Fact label='位置' value={`签到时核对位置：活动地点 ${a.location.radiusM} 米内`} className={hook('activity-detail-geofence')} />
        ) : null}
        <Fact label='积分' value={`${a.itemName} ${score2(a.points)} 分${a.perHour ? '/小时' : '/次'}`} />
        <Fact label='报名' value={signupText(a)} className={hook('activity-detail-capacity')} />
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
        <MineCard a={a} mine={a.mine} record={record} />
      ) : a.mySignup && a.status !== 'cancelled' ? (
        <View className={cx('card activity-detail__signed', hook('activity-detail-signed'))}>
          <Text className='activity-detail__signed-text'>✓ 您已报名</Text>
          <Text className='hint'>{beforeOpen ? `请按时参加，${dateTimeText(a.checkinOpensAt)} 起可签到。` : '到场后扫码签到即可。'}</Text>
        </View>
      ) : null}

      <Actions a={a} {...actions} {...signupProps} />
      {!actions.signup && !actions.attend && !a.mine && a.status !== 'cancelled' && phase === 'past' ? (
        <Text className='hint activity-detail__ended'>活动已结束。</Text>
      ) : null}
    </View>
  )
}

/** The member's own check-in: times, why it waits for review, and any reason it was turned down. */
function MineCard({ a, mine, record }: { a: ActivityView; mine: NonNullable<ActivityView['mine']>; record: AttendanceView | undefined }) {
  return (
    <View className={cx('card activity-detail__mine', hook('activity-detail-mine'))}>
      <View className='activity-detail__mine-head'>
        <Text className='activity-detail__section'>我的签到</Text>
        <StatusBadge status={mine.status} className={hook('activity-detail-mine-status')} />
      </View>
      <Text className='activity-detail__line'>签到：{dateTimeText(mine.checkinAt)}</Text>
      {mine.checkoutAt ? (
        <Text className='activity-detail__line'>签退：{dateTimeText(mine.checkoutAt)}</Text>
      ) : a.requireCheckout ? (
        <Text className={cx('activity-detail__line', hook('activity-detail-no-checkout'))}>签退：尚未签退（活动结束后 2 小时内可签退）</Text>
      ) : null}
      <FlagList
        className={hook('activity-detail-flags')}
        flags={record?.flags ?? []}
        lead={mine.status === 'pending' ? '这次签到需要书记审核，原因：' : '记录说明：'}
      />
      {mine.status === 'pending' ? <Text className='hint activity-detail__hint'>审核通过后计入积分，可在“我的积分”查看。</Text> : null}
      {record?.reason && (mine.status === 'rejected' || mine.status === 'revoked') ? (
        <Text className='activity-detail__reason'>
          {mine.status === 'rejected' ? '驳回理由' : '撤销理由'}：{record.reason}
        </Text>
      ) : null}
    </View>
  )
}

/** What the member can do now: check in or out, sign up or cancel, share the activity (WeChat). */
function Actions({ a, signup, attend, busy, onSignup, onCancelSignup }: { a: ActivityView } & MemberActions & SignupProps) {
  if (!signup && !attend && !platform.shares) return null
  return (
    <View className='activity-detail__actions'>
      {attend === 'checkin' ? (
        <Button className={cx('btn btn-primary', hook('activity-detail-checkin'))} onClick={() => Taro.navigateTo({ url: checkinUrl(a.id) })}>
          去签到
        </Button>
      ) : null}
      {attend === 'checkout' ? (
        <Button
          className={cx('btn btn-primary', hook('activity-detail-checkout'))}
          onClick={() => Taro.navigateTo({ url: checkinUrl(a.id, 'checkout') })}
        >
          签退
        </Button>
      ) : null}
      {signup === 'signup' ? (
        <Button
          className={cx('btn', attend ? 'btn-plain' : 'btn-primary', hook('activity-detail-signup'))}
          disabled={busy || undefined}
          onClick={onSignup}
        >
          {busy ? '提交中…' : '报名参加'}
        </Button>
      ) : null}
      {signup === 'cancel' ? (
        <Button className={cx('btn btn-gray', hook('activity-detail-cancel-signup'))} disabled={busy || undefined} onClick={onCancelSignup}>
          {busy ? '提交中…' : '取消报名'}
        </Button>
      ) : null}
      {signup === 'full' ? (
        <Button className={cx('btn btn-gray', hook('activity-detail-full'))} disabled>
          名额已满
        </Button>
      ) : null}
      {platform.shares && a.status !== 'cancelled' ? (
        <Button className={cx('btn btn-plain', hook('activity-detail-share'))} openType='share'>
          分享给党员
        </Button>
      ) : null}
    </View>
  )
}

function Fact({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className={cx('activity-detail__fact', className)}>
      <Text className='activity-detail__fact-label'>{label}</Text>
      <Text className='activity-detail__fact-value'>{value}</Text>
    </View>
  )
}

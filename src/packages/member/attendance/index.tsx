import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import AsyncView from '@/components/AsyncView'
import FlagList from '@/components/FlagList'
import MemberGate from '@/components/MemberGate'
import StatusBadge from '@/components/StatusBadge'
import { useAction, useMe, usePullRefresh, useReloadOnShow } from '@/hooks'
import { dateTimeText, score2 } from '@/utils/format'
import { cx, hook } from '@/utils/cx'
import { ACTIVITIES_URL, CLAIM_URL, activityUrl } from '@/utils/routes'
import './index.scss'
import { a11y } from '@/utils/a11y'

const REASON_LABEL = { rejected: '驳回理由', revoked: '撤销理由' } as const

/** Every check-in and claim of the member, newest first, with where its review stands and why it needed one. */
export default function MyAttendance() {
  const { me, loading, error, reload, isMember } = useMe()
  const list = useAction('attendance.mine', isMember ? {} : null, [isMember])
  usePullRefresh(reload, list.reload)
  useReloadOnShow(list.reload)

  return (
    <View className='page my-attendance'>
      <MemberGate me={me} loading={loading} error={error} onRetry={reload}>
        <View
          {...a11y('link')}
          className={cx('card my-attendance__claim', hook('my-attendance-claim'))}
          onClick={() => Taro.navigateTo({ url: CLAIM_URL })}
        >
          <Text>活动以外的志愿服务</Text>
          <Text className='link'>自主申报 ›</Text>
        </View>
        <AsyncView
          state={list}
          skeleton={{ cards: 3 }}
          isEmpty={(d) => d.length === 0}
          empty={{
            className: hook('my-attendance-empty'),
            title: '还没有签到记录',
            hint: '参加小区的志愿服务活动并扫码签到后，记录会显示在这里；活动以外的服务可以自主申报。',
            actionText: '查看活动',
            onAction: () => Taro.switchTab({ url: ACTIVITIES_URL }),
          }}
        >
          {(d) =>
            d.map((r) => (
              <View
                {...a11y('link', { disabled: r.kind === 'claim' })}
                className={cx('card my-attendance__item', hook('my-attendance-item', `my-attendance-item--${r.kind}`))}
                key={r.id}
                onClick={r.kind === 'claim' ? undefined : () => Taro.navigateTo({ url: activityUrl(r.activityId) })}
              >
                <View className='my-attendance__head'>
                  <Text className='my-attendance__title'>{r.activityTitle}</Text>
                  <StatusBadge status={r.status} />
                </View>
                {r.claim ? (
                  <Text className='muted my-attendance__line'>
                    自主申报 · {r.claim.itemName} · 服务日期 {r.claim.occurredOn}
                    {r.claim.photos.length ? ` · ${r.claim.photos.length} 张照片` : ''}
                  </Text>
                ) : (
                  <Text className='muted my-attendance__line'>
                    签到 {dateTimeText(r.checkinAt)}
                    {r.checkoutAt ? ` · 签退 ${dateTimeText(r.checkoutAt)}` : ''}
                  </Text>
                )}
                {r.status === 'approved' ? <Text className='my-attendance__points'>+{score2(r.points)} 分</Text> : null}
                <FlagList flags={r.flags} />
                {r.reason && (r.status === 'rejected' || r.status === 'revoked') ? (
                  <Text className='my-attendance__reason'>
                    {REASON_LABEL[r.status]}：{r.reason}
                  </Text>
                ) : null}
              </View>
            ))
          }
        </AsyncView>
      </MemberGate>
    </View>
  )
}

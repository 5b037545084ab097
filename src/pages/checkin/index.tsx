import { Text, View } from '@tarojs/components'
import CheckBox from '@/components/CheckBox'
import MemberGate from '@/components/MemberGate'
import { useCheckinQueue, useMe } from '@/hooks'
import type { CodeKind } from '@/services/checkin-queue'
import { cx, hook } from '@/utils/cx'
import { ScanCard, ShortCodeCard } from './CodeCards'
import OutcomeCard from './OutcomeCard'
import QueueCard from './QueueCard'
import { useCheckin } from './useCheckin'
import './index.scss'
import { a11y } from '@/utils/a11y'

export default function Checkin() {
  const { me, loading, error, reload, isMember } = useMe()
  const queue = useCheckinQueue()
  const form = useCheckin(isMember, queue.pending.length)
  const mode = (k: CodeKind) => cx('checkin__mode', form.kind === k && 'checkin__mode--on')

  return (
    <View className='page checkin'>
      <MemberGate me={me} loading={loading} error={error} onRetry={reload}>
        <View className='checkin__modes' {...a11y('tablist')}>
          <Text
            {...a11y('tab', { selected: form.kind === 'activity.checkin' })}
            className={cx(mode('activity.checkin'), hook('checkin-mode-checkin'))}
            onClick={() => form.setKind('activity.checkin')}
          >
            签到
          </Text>
          <Text
            {...a11y('tab', { selected: form.kind === 'activity.checkout' })}
            className={cx(mode('activity.checkout'), hook('checkin-mode-checkout'))}
            onClick={() => form.setKind('activity.checkout')}
          >
            签退
          </Text>
        </View>

        {form.outcome ? <OutcomeCard outcome={form.outcome} /> : null}
        <QueueCard queue={queue} />
        <ScanCard form={form} />
        <ShortCodeCard form={form} />

        <View className='card checkin__location'>
          <CheckBox
            className={hook('checkin-location')}
            checked={form.location.on}
            onChange={form.location.set}
            label='附带我的位置（用于核对是否在活动地点）'
          />
          <Text className='hint'>不提供位置也能签到，只是需要书记审核后才计分。</Text>
        </View>
      </MemberGate>
    </View>
  )
}

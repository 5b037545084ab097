import { Button, Text, View } from '@tarojs/components'
import FlagList from '@/components/FlagList'
import { useBusy } from '@/hooks'
import { clearQueueResults, flushCheckinQueue, type QueueState } from '@/services/checkin-queue'
import { showInfo } from '@/services/feedback'
import { cx, hook } from '@/utils/cx'
import { shanghaiDateTime } from '@/utils/format'
import { queueResultText } from './outcome'

const verbOf = (kind: string) => (kind === 'activity.checkin' ? '签到' : '签退')

/** Check-ins kept on this device for a weak network, and what the server later answered. */
export default function QueueCard({ queue }: { queue: QueueState }) {
  const { pending, results } = queue
  const { busy, run } = useBusy()
  if (!pending.length && !results.length) return null
  const retry = () =>
    run(async () => {
      const answered = await flushCheckinQueue()
      if (!answered.length) showInfo('仍未联网，稍后会自动再试', 1500)
    })
  return (
    <View className={cx('card checkin__queue', hook('checkin-queue'))}>
      <Text className='checkin__section-title'>排队的签到</Text>
      {pending.map((q) => (
        <View key={`${q.kind}-${q.at}`} className={cx('checkin__queue-row', hook('checkin-queue-pending'))}>
          <Text className='checkin__queue-what'>
            {verbOf(q.kind)} · {shanghaiDateTime(q.at).time} 扫码
          </Text>
          <Text className='checkin__queue-state'>已排队，联网后自动提交</Text>
        </View>
      ))}
      {results.map((r) => (
        <View
          key={`${r.kind}-${r.at}-${r.answeredAt}`}
          className={cx(
            'checkin__queue-row',
            hook('checkin-queue-result'),
            r.ok ? hook('checkin-queue-result--ok') : hook('checkin-queue-result--failed'),
          )}
        >
          <Text className='checkin__queue-what'>
            {verbOf(r.kind)} · {shanghaiDateTime(r.at).time} 扫码，{shanghaiDateTime(r.answeredAt).time} 提交
          </Text>
          <Text className={cx('checkin__queue-state', !r.ok && 'checkin__queue-state--failed', hook('checkin-queue-state'))}>
            {queueResultText(r)}
          </Text>
          {r.ok && r.result.flags.length ? <FlagList flags={r.result.flags} lead='需要审核的原因：' /> : null}
        </View>
      ))}
      <View className='checkin__queue-actions'>
        {pending.length ? (
          <Button className={cx('btn btn-plain', hook('checkin-queue-retry'))} disabled={busy || undefined} onClick={retry}>
            {busy ? '提交中…' : '立即重试'}
          </Button>
        ) : null}
        {results.length ? (
          <Button className={cx('btn btn-plain', hook('checkin-queue-clear'))} onClick={clearQueueResults}>
            知道了
          </Button>
        ) : null}
      </View>
    </View>
  )
}

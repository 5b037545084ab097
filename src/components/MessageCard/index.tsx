// One 订阅消息 as the person received it (我的消息) or as the county admin audits it (消息记录): heading, the values
// that were sent, and where it stands (docs/DESIGN.md#reminders).
import { Text, View } from '@tarojs/components'
import { MESSAGE_STATUS_LABEL, type MessageView } from '@/core/notify'
import { cx, hook } from '@/utils/cx'
import { dateTimeText } from '@/utils/format'
import './index.scss'

const VALUE_LABEL: Record<string, string> = { time: '时间', place: '地点', result: '结果', reason: '说明', note: '备注', count: '数量' }

export default function MessageCard({ m, audit }: { m: MessageView; audit?: boolean }) {
  return (
    <View className={cx('card message-card', hook('message-item', `message-item--${m.status}`, `message-item--${m.template}`))}>
      <View className='message-card__head'>
        <Text className='message-card__heading'>{m.heading}</Text>
        <Text className={cx('message-card__status', `message-card__status--${m.status}`)}>{MESSAGE_STATUS_LABEL[m.status]}</Text>
      </View>
      {m.values.title ? <Text className={cx('message-card__title', hook('message-title'))}>{m.values.title}</Text> : null}
      {Object.entries(VALUE_LABEL).map(([k, label]) =>
        m.values[k] ? (
          <Text key={k} className='message-card__line'>
            {label}：{m.values[k]}
          </Text>
        ) : null,
      )}
      <Text className='muted message-card__meta'>
        {m.sentAt ? `送达 ${dateTimeText(m.sentAt)}` : `计划 ${dateTimeText(m.dueAt)}`}
        {audit && m.attempts > 1 ? ` · 已尝试 ${m.attempts} 次` : ''}
      </Text>
      {audit && m.to ? <Text className='muted message-card__meta message-card__to'>发给 {m.to}</Text> : null}
      {audit && m.error ? <Text className={cx('message-card__error', hook('message-error'))}>{m.error}</Text> : null}
    </View>
  )
}

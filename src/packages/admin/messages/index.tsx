// 消息记录 (docs/DESIGN.md#reminders): every 订阅消息 of the county and where it stands — sent, not subscribed,
// refused, failing, or a template the deployment set up wrong — for the county admin.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import AsyncView from '@/components/AsyncView'
import MessageCard from '@/components/MessageCard'
import { MESSAGE_STATUSES, MESSAGE_STATUS_LABEL, type MessageStatus } from '@/core/notify'
import { useAction, usePullRefresh, useReloadOnShow } from '@/hooks'
import { a11y } from '@/utils/a11y'
import { cx, hook } from '@/utils/cx'
import './index.scss'

export default function MessageLog() {
  const [status, setStatus] = useState<MessageStatus | undefined>(undefined)
  const list = useAction('notify.list', status ? { status } : {}, [status])
  usePullRefresh(list.reload)
  useReloadOnShow(list.reload)
  const counts = list.data?.counts ?? {}

  return (
    <View className='page message-log'>
      <View {...a11y('tablist')} className='message-log__filters'>
        <Text
          {...a11y('tab', { selected: !status })}
          className={cx('message-log__filter', !status && 'message-log__filter--on', hook('message-log-all'))}
          onClick={() => setStatus(undefined)}
        >
          全部
        </Text>
        {MESSAGE_STATUSES.map((s) => (
          <Text
            {...a11y('tab', { selected: status === s })}
            key={s}
            className={cx('message-log__filter', status === s && 'message-log__filter--on', hook(`message-log-filter--${s}`))}
            onClick={() => setStatus(s)}
          >
            {MESSAGE_STATUS_LABEL[s]} {counts[s] ?? 0}
          </Text>
        ))}
      </View>
      {(counts.misconfigured ?? 0) > 0 ? (
        <View className={cx('card message-log__alert', hook('message-log-misconfigured'))}>
          <Text>
            有 {counts.misconfigured} 条消息因模板配置有误未能发送：请按 README“订阅消息模板”核对 cloudfunctions/notify/templates.json 的模板 ID
            与关键词后重新上传 notify 云函数。
          </Text>
        </View>
      ) : null}
      <AsyncView
        state={list}
        skeleton={{ cards: 3 }}
        isEmpty={(d) => d.messages.length === 0}
        empty={{ className: hook('message-log-empty'), title: '没有消息', hint: '活动提醒、审核结果、申诉答复等订阅消息的发送情况会显示在这里。' }}
      >
        {(d) => d.messages.map((m) => <MessageCard key={m.id} m={m} audit />)}
      </AsyncView>
    </View>
  )
}

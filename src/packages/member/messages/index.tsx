// 我的消息 (docs/DESIGN.md#reminders): the 订阅消息 sent (or due) to the signed-in person, and how many of each they
// may still receive. Open to anyone signed in: a secretary's daily digest shows here too.
import { Text, View } from '@tarojs/components'
import AsyncView from '@/components/AsyncView'
import MessageCard from '@/components/MessageCard'
import { TEMPLATES } from '@/core/notify'
import { useAction, usePullRefresh, useReloadOnShow } from '@/hooks'
import { cx, hook } from '@/utils/cx'

export default function MyMessages() {
  const list = useAction('notify.mine', {}, [])
  usePullRefresh(list.reload)
  useReloadOnShow(list.reload)

  return (
    <View className='page my-messages'>
      <AsyncView
        state={list}
        skeleton={{ cards: 3 }}
        isEmpty={(d) => d.messages.length === 0 && d.subscriptions.length === 0}
        empty={{
          className: hook('my-messages-empty'),
          title: '还没有消息',
          hint: '报名活动、签到、申报或申诉时允许“订阅消息”，活动提醒和审核结果会通过微信通知您，并显示在这里。',
        }}
      >
        {(d) => (
          <>
            {d.subscriptions.length ? (
              <View className={cx('card', hook('my-messages-credits'))}>
                {d.subscriptions.map((s) => (
                  <Text key={s.template} className='muted' style={{ display: 'block' }}>
                    {TEMPLATES[s.template].label}：{s.rejectedForever ? '已选择总是拒绝' : `还可接收 ${s.credits} 条`}
                  </Text>
                ))}
              </View>
            ) : null}
            {d.messages
              .filter((m) => m.status !== 'queued' && m.status !== 'sending')
              .map((m) => (
                <MessageCard key={m.id} m={m} />
              ))}
          </>
        )}
      </AsyncView>
    </View>
  )
}

import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MoveView } from '@/core/api-types'
import ReasonDialog from '@/components/ReasonDialog'
import { useAction } from '@/hooks'
import { useBusy } from '@/hooks/useBusy'
import { callAction } from '@/services/api'
import { dateTimeText } from '@/utils/format'
import { cx, hook } from '@/utils/cx'
import AsyncView from '@/components/AsyncView'
import { showInfo } from '@/services/feedback'

const side = (s: MoveView['from']) => `${s.estateBranchName ?? s.estateBranchId ?? '—'} · ${s.unitBranchName ?? s.unitBranchId}`

/** 变更报到: members moving into this estate (or changing unit while living here) wait for the secretary's word. */
export default function MoveRequests({ estateBranchId, onMoved }: { estateBranchId: string; onMoved: () => void }) {
  const list = useAction('member.moveList', { estateBranchId }, [estateBranchId])
  const { busy, run } = useBusy()
  const [refusing, setRefusing] = useState<MoveView | null>(null)

  const decide = async (m: MoveView, decision: 'approve' | 'reject', reason?: string) => {
    await run(async () => {
      await callAction('member.resolveMove', { requestId: m.requestId, decision, ...(reason ? { reason } : {}) })
      showInfo(decision === 'approve' ? `已同意 ${m.memberName ?? ''} 的变更` : '已答复不同意')
      setRefusing(null)
      await list.reload()
      if (decision === 'approve') onMoved()
    })
  }
  const approve = async (m: MoveView) => {
    const { confirm } = await Taro.showModal({
      title: '同意变更报到',
      content: `${m.memberName ?? ''} 将从「${side(m.from)}」变更为「${side(m.to)}」，立即生效；已得积分留在原支部。`,
      confirmText: '同意',
    })
    if (confirm) await decide(m, 'approve')
  }

  const rows = list.data ?? []
  return (
    <View className={hook('members-moves')}>
      <View className='section-title'>
        <Text>变更报到申请</Text>
        {rows.length ? <Text className='muted'>{rows.length} 条</Text> : null}
      </View>
      <AsyncView
        state={list}
        skeleton={{ cards: 1 }}
        isEmpty={(d) => d.length === 0}
        empty={{
          className: hook('members-moves-empty'),
          title: '没有待处理的变更申请',
          hint: '党员搬家迁入本小区、或在本小区换单位支部时，申请会出现在这里。',
        }}
      >
        {(rows) =>
          rows.map((m) => (
            <View className={cx('card members__move', hook('members-move'))} key={m.requestId}>
              <Text className='members__name'>{m.memberName}</Text>
              <Text className='muted'>原：{side(m.from)}</Text>
              <Text>新：{side(m.to)}</Text>
              <Text className='muted'>
                原因：{m.reason} · {dateTimeText(m.createdAt)}
              </Text>
              <View className='btn-row'>
                <Button className={cx('btn btn-primary', hook('members-move-approve'))} disabled={busy || undefined} onClick={() => approve(m)}>
                  同意
                </Button>
                <Button className={cx('btn btn-plain', hook('members-move-reject'))} disabled={busy || undefined} onClick={() => setRefusing(m)}>
                  不同意
                </Button>
              </View>
            </View>
          ))
        }
      </AsyncView>
      <ReasonDialog
        className={hook('members-move-dialog')}
        open={!!refusing}
        title='不同意变更'
        hint='理由会告诉申请的党员。'
        placeholder='如：请先在单位完成组织关系转接'
        confirmText='答复'
        busy={busy}
        onConfirm={(reason) => refusing && decide(refusing, 'reject', reason)}
        onCancel={() => setRefusing(null)}
      />
    </View>
  )
}

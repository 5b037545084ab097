import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActivityView } from '@/core/api-types'
import AsyncView from '@/components/AsyncView'
import type { EmptyStateProps } from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import ReasonDialog from '@/components/ReasonDialog'
import ScopeBar from '@/components/ScopeBar'
import { useAction, useNow, usePullRefresh, useReloadOnShow, useScope } from '@/hooks'
import { callAction } from '@/services/api'
import { byStart } from '@/utils/activity-actions'
import { activityPhase } from '@/utils/format'
import { ACTIVITY_NEW_URL } from '@/utils/routes'
import { useBusy } from '@/hooks/useBusy'
import { cx, hook } from '@/utils/cx'
import { showInfo, showSuccess } from '@/services/feedback'
import AdminCard, { type Section } from './AdminCard'
import './index.scss'

const SECTIONS: { key: Section; title: string }[] = [
  { key: 'draft', title: '草稿' },
  { key: 'ongoing', title: '进行中' },
  { key: 'upcoming', title: '即将开始' },
  { key: 'past', title: '已结束' },
  { key: 'cancelled', title: '已取消' },
]

// Also what a user without an estate sees: nothing was asked, so there is nothing yet.
const NONE: EmptyStateProps = {
  className: hook('activities-admin-empty'),
  title: '还没有活动',
  hint: '点上方“发布新活动”创建第一个志愿服务活动；草稿也会显示在这里。',
}

const sectionOf = (a: ActivityView, now: number): Section => (a.status === 'cancelled' ? 'cancelled' : activityPhase(a, now))

/** 活动管理: every activity of the estate, drafts included, with what the secretary can do to each. */
export default function ActivitiesAdmin() {
  const scope = useScope('estate_secretary')
  const list = useAction('activity.list', scope.scopeId ? { estateBranchId: scope.scopeId } : null, [scope.scopeId])
  const now = useNow(30_000)
  const [cancellingId, setCancellingId] = useState<string | null>(null)
  const { busy, run } = useBusy()
  usePullRefresh(list.reload)
  useReloadOnShow(list.reload)
  const rows = list.data ?? []
  const cancelling = rows.find((a) => a.id === cancellingId) ?? null

  // The dialog says how many members will be told, so it counts sign-ups made since the list was loaded.
  const askCancel = (a: ActivityView) => {
    setCancellingId(a.id)
    void list.reload()
  }

  const publish = async (a: ActivityView) => {
    const ok = await Taro.showModal({ title: '发布活动', content: `发布后小区党员即可看到“${a.title}”并报名。`, confirmText: '发布' })
    if (!ok.confirm) return
    await run(async () => {
      await callAction('activity.publish', { activityId: a.id })
      showSuccess('已发布')
      await list.reload()
    })
  }

  const cancel = async (reason: string) => {
    if (!cancelling) return
    await run(async () => {
      const r = await callAction('activity.cancel', { activityId: cancelling.id, reason })
      setCancellingId(null)
      showInfo(r.notified ? `已取消，已通知 ${r.notified} 位报名党员` : '活动已取消')
      await list.reload()
    })
  }

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>

  return (
    <View className='page activities-admin'>
      <ScopeBar label='小区党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <Button
        className={cx('btn btn-primary activities-admin__new', hook('activities-admin-new'))}
        onClick={() => Taro.navigateTo({ url: ACTIVITY_NEW_URL })}
      >
        发布新活动
      </Button>
      <AsyncView state={list} waiting={scope.loading} skeleton={{ cards: 3 }} isEmpty={(d) => d.length === 0} empty={NONE} idle={NONE}>
        {(all) =>
          SECTIONS.map(({ key, title }) => {
            const items = all.filter((a) => sectionOf(a, now) === key).sort(byStart(key === 'past' || key === 'cancelled'))
            if (!items.length) return null
            return (
              <View key={key} className={cx('activities-admin__section', hook(`activities-admin-${key}`))}>
                <View className='section-title'>
                  <Text>{title}</Text>
                  <Text className='muted'>{items.length} 项</Text>
                </View>
                {items.map((a) => (
                  <AdminCard key={a.id} a={a} section={key} busy={busy} onPublish={publish} onCancel={askCancel} />
                ))}
              </View>
            )
          })
        }
      </AsyncView>
      <ReasonDialog
        className={hook('activities-cancel-dialog')}
        open={!!cancelling}
        title={`取消活动：${cancelling?.title ?? ''}`}
        hint={
          cancelling?.signedUp
            ? `已报名的 ${cancelling.signedUp} 位党员会收到取消通知和理由；已有的签到记录保留。`
            : '取消后党员不能再报名或签到；已有的签到记录保留。'
        }
        placeholder='取消理由（必填），如：暴雨预警，活动延期'
        confirmText='确定取消活动'
        busy={busy}
        onConfirm={cancel}
        onCancel={() => setCancellingId(null)}
      />
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import CheckBox from '@/components/CheckBox'
import AsyncView from '@/components/AsyncView'
import ErrorView from '@/components/ErrorView'
import ScopeBar from '@/components/ScopeBar'
import type { AttendanceView } from '@/core/api-types'
import { cx, hook } from '@/utils/cx'
import { groupBy } from '../selection'
import ActionBar from './ActionBar'
import AttendanceRow from './AttendanceRow'
import Toolbar from './Toolbar'
import { type GroupMode, type Review as ReviewState, type ReviewTab, useReview } from './useReview'
import './index.scss'

export type { ReviewTab }

const CLAIMS_GROUP = '\u0000claims'

const EMPTY: Record<ReviewTab, { title: string; hint: string }> = {
  pending: { title: '没有待审核的签到', hint: '未获取位置、补交、静态码、补录的签到和党员的自主申报会出现在这里。下拉可刷新。' },
  approved: { title: '没有已通过的签到', hint: '审核通过的签到会出现在这里；发现问题可勾选后撤销。' },
  rejected: { title: '没有未通过的签到', hint: '被驳回的签到和驳回理由会保留在这里。' },
  revoked: { title: '没有撤销过的签到', hint: '撤销的签到连同撤销理由保留在这里，积分已由冲正流水扣回。' },
}

/** 审核签到: the estate's check-ins and claims by status, grouped by activity or member, decided in bulk. */
export default function Review() {
  const r = useReview()
  const { scope, tab, list, rows, sel } = r

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>

  // Also what a user without an estate sees: nothing was asked, so there is nothing yet.
  const none = { className: hook('review-empty', `review-empty-${tab}`), ...EMPTY[tab] }
  // Rejected and revoked records are kept to be read; nothing is decided on them here.
  const selectable = tab === 'pending' || tab === 'approved'
  return (
    <View className='page review'>
      <ScopeBar label='小区党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <Toolbar tab={tab} onTab={r.switchTab} groupMode={r.groupMode} onGroupMode={r.setGroupMode} />
      <AsyncView
        state={list}
        waiting={scope.loading}
        skeleton={{ cards: 3 }}
        stale={() => r.switching}
        isEmpty={() => rows.length === 0}
        empty={none}
        idle={none}
      >
        {() => (
          <View>
            {selectable ? (
              <View className='review__bar card'>
                <CheckBox className={hook('review-select-all')} checked={sel.all} onChange={sel.toggleAll} label={`全选（共 ${rows.length} 条）`} />
                <Text className={cx('muted', hook('review-selected-count'))}>已选 {sel.selected.length}</Text>
              </View>
            ) : null}
            <Groups rows={rows} groupMode={r.groupMode} selectable={selectable} sel={sel} />
            <ActionBar r={r} />
          </View>
        )}
      </AsyncView>
    </View>
  )
}

interface GroupsProps {
  rows: AttendanceView[]
  groupMode: GroupMode
  selectable: boolean
  sel: ReviewState['sel']
}

/** The records in groups, each group selectable as a whole. */
function Groups({ rows, groupMode, selectable, sel }: GroupsProps) {
  // By activity, every claim sits in one 自主申报 group (a claim is not an activity).
  const groups = groupBy(rows, (r) => (groupMode === 'member' ? r.memberId : r.kind === 'claim' ? CLAIMS_GROUP : r.activityId))
  return (
    <>
      {groups.map(([key, items]) => {
        const label =
          groupMode === 'member' ? `${items[0].memberName}（${items[0].phone}）` : key === CLAIMS_GROUP ? '自主申报' : items[0].activityTitle
        return (
          <View className={cx('card review__group', hook('review-group', `review-group--${groupMode}`))} key={key}>
            <View className='review__group-head'>
              {selectable ? (
                <CheckBox
                  className={hook('review-group-select')}
                  checked={items.every((i) => sel.has(i.id))}
                  onChange={(on) =>
                    sel.set(
                      items.map((i) => i.id),
                      on,
                    )
                  }
                  label={`${label}（${items.length}）`}
                />
              ) : (
                <Text>{`${label}（${items.length}）`}</Text>
              )}
            </View>
            {items.map((a) => (
              <AttendanceRow key={a.id} a={a} by={groupMode} selectable={selectable} checked={sel.has(a.id)} onToggle={() => sel.toggle(a.id)} />
            ))}
          </View>
        )
      })}
    </>
  )
}

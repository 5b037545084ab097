import { useMemo, useState } from 'react'
import { Button, Image, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { AttendanceView } from '@/core/api-types'
import CheckBox from '@/components/CheckBox'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import FlagList from '@/components/FlagList'
import ScopeBar from '@/components/ScopeBar'
import Skeleton from '@/components/Skeleton'
import { useAction, usePullRefresh, useScope } from '@/hooks'
import { callAction, rowsOf } from '@/services/api'
import { dateTimeText, score2 } from '@/utils/format'
import { groupBy, useSelection } from '../selection'
import './index.scss'
import { useBusy } from '@/hooks/useBusy'
import { bulkProblem } from '@/utils/bulk'
import { cx, hook } from '@/utils/cx'
import { showInfo } from '@/services/feedback'

export type ReviewTab = 'pending' | 'approved' | 'rejected' | 'revoked'
type GroupMode = 'activity' | 'member'
const CLAIMS_GROUP = '\u0000claims'

const TABS: { key: ReviewTab; label: string }[] = [
  { key: 'pending', label: '待审核' },
  { key: 'approved', label: '已通过' },
  { key: 'rejected', label: '未通过' },
  { key: 'revoked', label: '已撤销' },
]

const EMPTY: Record<ReviewTab, { title: string; hint: string }> = {
  pending: { title: '没有待审核的签到', hint: '未获取位置、补交、静态码、补录的签到和党员的自主申报会出现在这里。下拉可刷新。' },
  approved: { title: '没有已通过的签到', hint: '审核通过的签到会出现在这里；发现问题可勾选后撤销。' },
  rejected: { title: '没有未通过的签到', hint: '被驳回的签到和驳回理由会保留在这里。' },
  revoked: { title: '没有撤销过的签到', hint: '撤销的签到连同撤销理由保留在这里，积分已由冲正流水扣回。' },
}

export default function Review() {
  const scope = useScope('estate_secretary')
  const [tab, setTab] = useState<ReviewTab>('pending')
  const [groupMode, setGroupMode] = useState<GroupMode>('activity')
  const list = useAction('attendance.list', scope.scopeId ? { estateBranchId: scope.scopeId, status: tab } : null, [scope.scopeId, tab])
  usePullRefresh(list.reload)
  // Rows of the tab just left are never shown under the new one while it loads.
  const loaded = rowsOf(list.data)
  const rows = useMemo(() => loaded.filter((r) => r.status === tab), [loaded, tab])
  const switching = list.loading && loaded.some((r) => r.status !== tab)
  const ids = useMemo(() => (tab === 'rejected' || tab === 'revoked' ? [] : rows.map((r) => r.id)), [rows, tab])
  const sel = useSelection(ids)
  const [reason, setReason] = useState('')
  const { busy, run } = useBusy()

  const switchTab = (next: ReviewTab) => {
    if (next === tab) return
    sel.clear()
    setReason('')
    setTab(next)
  }

  const decide = async (decision: 'approve' | 'reject') => {
    const problem = bulkProblem(sel.selected.length, '请先勾选要审核的签到', reason, decision === 'reject' ? '驳回' : null)
    if (problem) return showInfo(problem)
    await run(async () => {
      const r = await callAction('attendance.review', {
        attendanceIds: sel.selected,
        decision,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      })
      const parts = [
        r.approved ? `通过 ${r.approved} 条` : '',
        r.rejected ? `驳回 ${r.rejected} 条` : '',
        r.skipped ? `跳过 ${r.skipped} 条（已被处理）` : '',
      ]
      showInfo(parts.filter(Boolean).join('，') || '没有需要处理的记录')
      sel.clear()
      setReason('')
      await list.reload()
    })
  }

  const revoke = async () => {
    const problem = bulkProblem(sel.selected.length, '请先勾选要撤销的签到', reason, '撤销')
    if (problem) return showInfo(problem)
    const ok = await Taro.showModal({
      title: '撤销已通过的签到',
      content: `撤销 ${sel.selected.length} 条签到：将追加冲正流水扣回积分，原记录保留。`,
      confirmText: '撤销',
    })
    if (!ok.confirm) return
    await run(async () => {
      const r = await callAction('attendance.revoke', { attendanceIds: sel.selected, reason: reason.trim() })
      const parts = [r.revoked ? `已撤销 ${r.revoked} 条` : '', r.skipped ? `跳过 ${r.skipped} 条（已被处理）` : '']
      showInfo(parts.filter(Boolean).join('，') || '没有需要撤销的记录')
      sel.clear()
      setReason('')
      await list.reload()
    })
  }

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>

  // Rejected and revoked records are kept to be read; nothing is decided on them here.
  const selectable = tab === 'pending' || tab === 'approved'
  // By activity, every claim sits in one 自主申报 group (a claim is not an activity).
  const groups = groupBy(rows, (r) => (groupMode === 'member' ? r.memberId : r.kind === 'claim' ? CLAIMS_GROUP : r.activityId))
  return (
    <View className='page review'>
      <ScopeBar label='小区党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <View className='review__tabs'>
        {TABS.map((t) => (
          <Text
            key={t.key}
            className={cx('review__tab', tab === t.key && 'review__tab--on', hook(`review-tab-${t.key}`), tab === t.key && hook('is-on'))}
            onClick={() => switchTab(t.key)}
          >
            {t.label}
          </Text>
        ))}
      </View>
      <View className='review__grouping'>
        <Text className='muted'>分组：</Text>
        <Text
          className={cx(
            'review__chip',
            groupMode === 'activity' && 'review__chip--on',
            hook('review-group-by-activity'),
            groupMode === 'activity' && hook('is-on'),
          )}
          onClick={() => setGroupMode('activity')}
        >
          按活动
        </Text>
        <Text
          className={cx(
            'review__chip',
            groupMode === 'member' && 'review__chip--on',
            hook('review-group-by-member'),
            groupMode === 'member' && hook('is-on'),
          )}
          onClick={() => setGroupMode('member')}
        >
          按党员
        </Text>
      </View>
      {list.error && !list.data ? (
        <ErrorView error={list.error} onRetry={list.reload} />
      ) : scope.loading || (list.loading && !list.data) || switching ? (
        <Skeleton cards={3} />
      ) : rows.length === 0 ? (
        <EmptyState className={hook('review-empty', `review-empty-${tab}`)} title={EMPTY[tab].title} hint={EMPTY[tab].hint} />
      ) : (
        <View>
          {selectable ? (
            <View className='review__bar card'>
              <CheckBox className={hook('review-select-all')} checked={sel.all} onChange={sel.toggleAll} label={`全选（共 ${rows.length} 条）`} />
              <Text className={cx('muted', hook('review-selected-count'))}>已选 {sel.selected.length}</Text>
            </View>
          ) : null}
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
          {tab === 'pending' ? (
            <View className='review__actions card'>
              <Input
                className={cx('field-input', hook('review-reason'))}
                value={reason}
                maxlength={200}
                placeholder='驳回理由（驳回时必填）'
                onInput={(e) => setReason(e.detail.value)}
              />
              <View className='btn-row'>
                <Button className={cx('btn btn-primary', hook('review-approve'))} disabled={busy || undefined} onClick={() => decide('approve')}>
                  通过（{sel.selected.length}）
                </Button>
                <Button className={cx('btn btn-plain', hook('review-reject'))} disabled={busy || undefined} onClick={() => decide('reject')}>
                  驳回
                </Button>
              </View>
            </View>
          ) : tab === 'approved' ? (
            <View className='review__actions card'>
              <Input
                className={cx('field-input', hook('review-revoke-reason'))}
                value={reason}
                maxlength={200}
                placeholder='撤销理由（必填），如：核实未参加'
                onInput={(e) => setReason(e.detail.value)}
              />
              <Button className={cx('btn btn-plain', hook('review-revoke'))} disabled={busy || undefined} onClick={revoke}>
                撤销（{sel.selected.length}）
              </Button>
              <Text className='hint review__revoke-hint'>撤销会追加一条冲正流水扣回积分，原记录和流水都保留。</Text>
            </View>
          ) : null}
        </View>
      )}
    </View>
  )
}

interface AttendanceRowProps {
  a: AttendanceView
  /** Grouped by activity: the row names the member; by member: the activity. */
  by: GroupMode
  selectable: boolean
  checked: boolean
  onToggle: () => void
}

function AttendanceRow({ a, by, selectable, checked, onToggle }: AttendanceRowProps) {
  return (
    <View className={cx('review__item', hook('review-item'), checked && hook('is-checked'))} onClick={selectable ? onToggle : undefined}>
      {selectable ? <CheckBox className={hook('review-checkbox')} checked={checked} onChange={onToggle} /> : null}
      <View className='review__item-main'>
        {by === 'activity' ? (
          <Text className='review__name'>
            {a.memberName} <Text className='muted'>{a.phone}</Text>
          </Text>
        ) : (
          <Text className='review__name'>{a.activityTitle}</Text>
        )}
        {a.claim ? (
          <ClaimDetails a={a} named={by === 'activity'} />
        ) : (
          <Text className='muted review__times'>
            签到 {dateTimeText(a.checkinAt)}
            {a.checkoutAt ? ` · 签退 ${dateTimeText(a.checkoutAt)}` : ''}
          </Text>
        )}
        {a.status === 'approved' ? <Text className='review__points'>计 {score2(a.points)} 分</Text> : null}
        <FlagList className={hook('review-flags')} flags={a.flags} />
        {a.distanceM !== undefined ? <Text className={cx('review__distance', hook('review-distance'))}>{`距活动地点 ${a.distanceM} 米`}</Text> : null}
        {a.reason ? (
          <Text className='review__reason'>
            {a.status === 'rejected'
              ? '驳回理由'
              : a.status === 'revoked'
                ? '撤销理由'
                : a.flags.includes('backfill') && a.status === 'pending'
                  ? '补录理由'
                  : '备注'}
            ：{a.reason}
          </Text>
        ) : null}
      </View>
    </View>
  )
}

/** What a member claimed, with the photos to check (tap to enlarge; tapping never toggles the selection). */
function ClaimDetails({ a, named }: { a: AttendanceView; named: boolean }) {
  const c = a.claim
  if (!c) return null
  const shown = c.photos.filter(Boolean)
  return (
    <View className={cx('review__claim', hook('review-claim'))}>
      {named ? <Text className='review__claim-title'>「{a.activityTitle}」</Text> : null}
      <Text className='muted review__times'>
        {c.itemName} · 服务日期 {c.occurredOn}
        {c.minutes ? ` · ${Math.round((c.minutes / 60) * 10) / 10} 小时` : ''} · 提交于 {dateTimeText(a.checkinAt)}
      </Text>
      <Text className={cx('review__claim-text', hook('review-claim-text'))}>{c.description}</Text>
      {c.photos.length ? (
        <View className='review__photos'>
          {c.photos.map((url, i) =>
            url ? (
              <Image
                key={url}
                className={cx('review__photo', hook('review-claim-photo'))}
                src={url}
                mode='aspectFill'
                onClick={(e) => {
                  e.stopPropagation()
                  Taro.previewImage({ current: url, urls: shown })
                }}
              />
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: a photo that cannot be shown has no url to key by; the list is fixed once loaded
              <View key={`missing-${i}`} className='review__photo review__photo--missing'>
                <Text className='muted'>照片暂时无法显示</Text>
              </View>
            ),
          )}
        </View>
      ) : (
        <Text className='muted'>未附照片</Text>
      )}
    </View>
  )
}

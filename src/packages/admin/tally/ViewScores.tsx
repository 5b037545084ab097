import { useState } from 'react'
import { useReachBottom } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { OrgView, ScoreList } from '@/core/api-types'
import EmptyState from '@/components/EmptyState'
import ExportButtons from '@/components/ExportButtons'
import LoadMore from '@/components/LoadMore'
import OptionPicker from '@/components/OptionPicker'
import ScoreTable from '@/components/ScoreTable'
import TallyNote from '@/components/TallyNote'
import { useBusy } from '@/hooks/useBusy'
import { useMoreScores } from '@/hooks/useMoreScores'
import { callAction } from '@/services/api'
import { cx, hook } from '@/utils/cx'
import { scopeOptions } from '../scopes'

interface ViewScoresProps {
  year: number
  yearOk: boolean
  orgs: OrgView[]
  /** The scope picked at the top of the page, and every scope the admin has (they may view anything under them). */
  scopeId: string
  roots: string[]
}

/** 查看积分: the year's scores in a scope the admin picks, and the exports of that scope. */
export default function ViewScores({ year, yearOk, orgs, scopeId, roots }: ViewScoresProps) {
  const [viewScope, setViewScope] = useState<string | null>(null)
  // The first page and what it was asked with; a county (over 1,000 members) comes in pages, more at the bottom.
  const [first, setFirst] = useState<{ list: ScoreList; body: { year: number; scopeId: string } } | null>(null)
  const pages = useMoreScores(first?.list, first?.body ?? null)
  useReachBottom(() => void pages.more())
  const rows = pages.list?.rows ?? null
  const { busy, run } = useBusy()
  const target = viewScope ?? scopeId
  const options = scopeOptions(orgs, roots)
  const orgKind = (id: string) => orgs.find((o) => o.id === id)?.kind
  const complete = rows?.filter((r) => r.complete).length ?? 0

  const view = async () => {
    if (!yearOk) return
    await run(async () => {
      const body = { year, scopeId: target }
      setFirst({ list: await callAction('score.list', body), body })
    })
  }

  return (
    <>
      <View className='card'>
        <Text className='section-title'>查看积分</Text>
        <View className='field'>
          <OptionPicker className={hook('tally-scope')} options={options} value={target} onChange={setViewScope} placeholder='选择范围' />
        </View>
        <Button className={cx('btn btn-plain', hook('tally-view'))} disabled={busy || undefined} loading={busy} onClick={view}>
          查看 {yearOk ? year : ''} 年度积分
        </Button>
      </View>

      {rows ? (
        rows.length ? (
          <View className={cx('card', hook('tally-rows'))}>
            <Text className='hint'>
              {pages.list?.next ? '已显示' : '共'} {rows.length} 人，总分完整 {complete} 人，未完成 {rows.length - complete} 人
            </Text>
            {pages.list ? <TallyNote list={pages.list} /> : null}
            <ScoreTable rows={rows} rankBy={viewScope && orgKind(viewScope) === 'estate' ? 'estate' : 'total'} />
            {pages.paged ? (
              <LoadMore hasMore={!!pages.list?.next} loading={pages.loadingMore} onMore={() => void pages.more()} shown={rows.length} />
            ) : null}
          </View>
        ) : (
          <EmptyState title='该范围还没有已报到的党员' hint='换一个范围，或待党员双报到后再看。' />
        )
      ) : null}
      {yearOk ? (
        <ExportButtons
          kinds={['totals', 'ledger', 'roster', 'feedback']}
          scopeId={target}
          scopeName={options.find((o) => o.value === target)?.label}
          year={year}
        />
      ) : null}
    </>
  )
}

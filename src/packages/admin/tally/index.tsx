import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { FinaliseResult, ScoreRow, TallyResult } from '@/core/api-types'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import ExportButtons from '@/components/ExportButtons'
import OptionPicker from '@/components/OptionPicker'
import ScoreTable from '@/components/ScoreTable'
import Skeleton from '@/components/Skeleton'
import { useAction, useScope } from '@/hooks'
import { callAction, rowsOf } from '@/services/api'
import { toActionError, type ActionError } from '@/services/errors'
import { showError } from '@/services/feedback'
import { currentYear, dateTimeText } from '@/utils/format'
import { scopeOptions } from '../scopes'
import './index.scss'
import { useBusy } from '@/hooks/useBusy'

export default function Tally() {
  const scope = useScope(['county_admin', 'street_admin', 'community_admin'])
  const isCounty = scope.me?.roles.some((r) => r.role === 'county_admin') ?? false
  const orgs = useAction('org.list', scope.scopeId ? {} : null, [scope.scopeId])
  const [yearText, setYearText] = useState(String(currentYear()))
  const { busy, run: whileBusy } = useBusy()
  const [tally, setTally] = useState<TallyResult | null>(null)
  const [viewScope, setViewScope] = useState<string | null>(null)
  // What to tally: the county, or a street, community or estate in it (score.tally is the county admin's).
  const [tallyScope, setTallyScope] = useState<string | null>(null)
  const countyRoots = scope.me?.roles.filter((r) => r.role === 'county_admin').map((r) => r.scopeId) ?? []
  const tallyTarget = tallyScope ?? countyRoots[0] ?? null
  const [rows, setRows] = useState<ScoreRow[] | null>(null)
  const [loadingRows, setLoadingRows] = useState(false)

  const year = Number(yearText)
  const yearOk = Number.isInteger(year) && year >= 2000 && year <= 2100
  const settings = useAction('settings.get', scope.scopeId && yearOk ? { year } : null, [scope.scopeId, year, yearOk])
  const [finalising, setFinalising] = useState(false)
  const [refusal, setRefusal] = useState<ActionError | null>(null)
  const [finalised, setFinalised] = useState<FinaliseResult | null>(null)

  const finalise = async () => {
    if (!yearOk) return
    const { confirm } = await Taro.showModal({
      title: `定稿 ${year} 年度`,
      content: '定稿后本年度锁定，不能再审核签到、录入单位积分、修改积分明细或设置；之后的更正只能做留痕的审计调整。确定定稿吗？',
      confirmText: '确定定稿',
      confirmColor: '#c8161d',
    })
    if (!confirm) return
    setFinalising(true)
    setRefusal(null)
    try {
      setFinalised(await callAction('year.finalise', { year }))
      Taro.showToast({ title: `${year} 年度已定稿`, icon: 'success' })
      await settings.reload()
    } catch (err) {
      const e = toActionError(err)
      if (e.code === 'CONFLICT') setRefusal(e)
      else showError(err)
    } finally {
      setFinalising(false)
    }
  }

  const run = async () => {
    if (!yearOk) {
      Taro.showToast({ title: '请输入正确的年度', icon: 'none' })
      return
    }
    if (!tallyTarget) return
    await whileBusy(async () => {
      setTally(await callAction('score.tally', { year, scopeId: tallyTarget }))
      Taro.showToast({ title: '核算完成', icon: 'success' })
    })
  }

  const view = async () => {
    const target = viewScope ?? scope.scopeId
    if (!target || !yearOk) return
    setLoadingRows(true)
    try {
      setRows(rowsOf(await callAction('score.list', { year, scopeId: target })))
    } catch (err) {
      showError(err)
    } finally {
      setLoadingRows(false)
    }
  }

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  if (scope.loading) return <View className='page'>{<Skeleton />}</View>
  if (!scope.scopeId)
    return <View className='page'>{<EmptyState title='仅管理员可用' hint='核算由县委组织部进行，街道和社区可查看本范围积分。' />}</View>

  const orgKind = (id: string) => rowsOf(orgs.data).find((o) => o.id === id)?.kind
  const options = scopeOptions(
    rowsOf(orgs.data),
    scope.scopes.map((s) => s.scopeId),
  )
  const tallyOptions = scopeOptions(rowsOf(orgs.data), countyRoots)
  const tallyLabel = (id: string | null) => tallyOptions.find((o) => o.value === id)?.label ?? id ?? ''
  const complete = rows?.filter((r) => r.complete).length ?? 0
  const locked = settings.data?.year === year && settings.data.locked
  const refusedEstates = (refusal?.details as { estates?: string[] } | undefined)?.estates ?? []

  return (
    <View className='page tally'>
      <View className='card'>
        <View className='field'>
          <Text className='field-label'>年度</Text>
          <Input className='field-input tally-year' type='number' maxlength={4} value={yearText} onInput={(e) => setYearText(e.detail.value)} />
        </View>
        {isCounty ? (
          <View>
            <View className='field'>
              <Text className='field-label'>核算范围</Text>
              <OptionPicker
                className='tally-run-scope'
                options={tallyOptions}
                value={tallyTarget}
                onChange={setTallyScope}
                placeholder='选择核算范围'
              />
            </View>
            <Button className='btn btn-primary tally-run' disabled={busy || !tallyTarget || undefined} loading={busy} onClick={run}>
              核算 {yearOk ? year : ''} 年度双积分
            </Button>
            <Text className='hint tally__hint'>
              按现行权重和等次，为所选范围（县、街道、社区或小区）内每位已报到党员计算年度总分与排名；可重复运行。
            </Text>
          </View>
        ) : (
          <Text className='hint'>核算由县委组织部进行；这里可查看本范围的最新结果。</Text>
        )}
      </View>

      {tally ? (
        <View className='card tally__result tally-result'>
          <Text className='section-title'>核算结果</Text>
          <Text className='hint tally-result-scope'>核算范围：{tallyLabel(tally.scopeId)}</Text>
          <View className='tally__counts'>
            <View className='tally__count'>
              <Text className='tally__num tally-members'>{tally.members}</Text>
              <Text className='muted'>党员</Text>
            </View>
            <View className='tally__count'>
              <Text className='tally__num tally-complete'>{tally.complete}</Text>
              <Text className='muted'>总分完整</Text>
            </View>
            <View className='tally__count'>
              <Text className='tally__num tally-incomplete'>{tally.incomplete}</Text>
              <Text className='muted'>缺单位积分</Text>
            </View>
          </View>
          {tally.talliedAt ? <Text className='hint'>核算时间：{dateTimeText(tally.talliedAt)}</Text> : null}
        </View>
      ) : null}

      {locked && settings.data ? (
        <View className='card tally__locked tally-locked'>
          <Text className='tally__locked-title'>{year} 年度已定稿锁定</Text>
          <Text className='hint'>
            {settings.data.finalisedAt ? `定稿时间：${dateTimeText(settings.data.finalisedAt)}。` : ''}
            积分、签到、单位积分和设置均不能再修改；如需更正，只能由县委组织部做留痕的审计调整。
          </Text>
        </View>
      ) : isCounty && yearOk && settings.data?.year === year ? (
        <View className='card tally-finalise'>
          <Text className='section-title'>定稿</Text>
          <View className='notice tally__warning'>
            定稿后 {year} 年度锁定：不能再审核签到、录入或导入单位积分、修改积分明细、记录扣分或更改设置，之后的更正只能做留痕的审计调整。
            定稿前须各小区公示结束（不少于 5 个工作日），所有申诉均已答复。
          </View>
          {refusal ? (
            <View className='tally__refusal tally-finalise-error'>
              <Text className='tally__refusal-title'>暂不能定稿</Text>
              <Text className='tally__refusal-text'>{refusedEstates.length ? '以下小区的公示尚未结束：' : refusal.message}</Text>
              {refusedEstates.map((e) => (
                <Text className='tally__refusal-estate tally-finalise-estate' key={e}>
                  {e}
                </Text>
              ))}
            </View>
          ) : null}
          <Button className='btn btn-primary tally-finalise-run' disabled={finalising || undefined} loading={finalising} onClick={finalise}>
            定稿 {year} 年度
          </Button>
        </View>
      ) : null}
      {finalised ? (
        <Text className='hint tally-finalised'>
          已定稿：共 {finalised.members} 人，总分完整 {finalised.complete} 人，未完成 {finalised.incomplete} 人。
        </Text>
      ) : null}

      <View className='card'>
        <Text className='section-title'>查看积分</Text>
        <View className='field'>
          <OptionPicker className='tally-scope' options={options} value={viewScope ?? scope.scopeId} onChange={setViewScope} placeholder='选择范围' />
        </View>
        <Button className='btn btn-plain tally-view' disabled={loadingRows || undefined} loading={loadingRows} onClick={view}>
          查看 {yearOk ? year : ''} 年度积分
        </Button>
      </View>

      {rows ? (
        rows.length ? (
          <View className='card tally-rows'>
            <Text className='hint'>
              共 {rows.length} 人，总分完整 {complete} 人，未完成 {rows.length - complete} 人
            </Text>
            <ScoreTable rows={rows} rankBy={viewScope && orgKind(viewScope) === 'estate' ? 'estate' : 'total'} />
          </View>
        ) : (
          <EmptyState title='该范围还没有已报到的党员' hint='换一个范围，或待党员双报到后再看。' />
        )
      ) : null}
      {yearOk ? (
        <ExportButtons
          kinds={['totals', 'ledger', 'roster', 'feedback']}
          scopeId={viewScope ?? scope.scopeId}
          scopeName={options.find((o) => o.value === (viewScope ?? scope.scopeId))?.label}
          year={year}
        />
      ) : null}
    </View>
  )
}

import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { SurveyView } from '@/core/api-types'
import AsyncView from '@/components/AsyncView'
import ErrorView from '@/components/ErrorView'
import Field from '@/components/Field'
import OptionPicker from '@/components/OptionPicker'
import ScopeBar from '@/components/ScopeBar'
import YearSwitch from '@/components/YearSwitch'
import { useAction, useBusy, usePullRefresh, useScope } from '@/hooks'
import { callAction } from '@/services/api'
import { showInfo, showSuccess } from '@/services/feedback'
import { cx, hook } from '@/utils/cx'
import { currentYear, dateText } from '@/utils/format'
import { surveyPosterUrl, surveyResultsUrl } from '@/utils/routes'
import './index.scss'

/**
 * 满意度测评 for admins (docs/DESIGN.md#satisfaction-surveys): the surveys of the caller's scope and year with their
 * sample size; the community opens one per estate and period, prints its poster and closes it; everyone above reads.
 */
export default function SurveyManage() {
  const scope = useScope(['community_admin', 'street_admin', 'county_admin'])
  const [year, setYear] = useState(currentYear)
  const list = useAction('survey.list', scope.scopeId ? { scopeId: scope.scopeId, year } : null, [scope.scopeId, year])
  usePullRefresh(list.reload)
  const community = !!scope.me?.roles.some((r) => r.role === 'community_admin' && r.scopeId === scope.scopeId)

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  return (
    <View className='page survey-manage'>
      <ScopeBar label='范围' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <YearSwitch year={year} onChange={setYear} />
      {community && scope.scopeId ? <OpenForm communityId={scope.scopeId} year={year} onOpened={() => void list.reload()} /> : null}
      <AsyncView
        state={list}
        waiting={scope.loading}
        skeleton={{ cards: 2 }}
        isEmpty={(d) => d.surveys.length === 0}
        empty={{ title: '本年度还没有测评', hint: community ? '选择小区、填写期别后开启测评，再打印二维码海报张贴。' : '由社区按小区开启。' }}
      >
        {(d) => (
          <View>
            {d.surveys.map((s) => (
              <SurveyCard key={s.surveyId} s={s} community={community} onClosed={() => void list.reload()} />
            ))}
          </View>
        )}
      </AsyncView>
    </View>
  )
}

function OpenForm({ communityId, year, onOpened }: { communityId: string; year: number; onOpened: () => void }) {
  const estates = useAction('org.list', { kind: 'estate' }, [])
  const mine = (estates.data ?? []).filter((o) => o.parentId === communityId)
  const [estateId, setEstateId] = useState<string | null>(null)
  const [period, setPeriod] = useState(`${year}年度`)
  const open = useBusy()
  return (
    <View className={cx('card', hook('survey-open'))}>
      <Text className='survey-manage__title'>开启测评</Text>
      <Field label='小区党支部'>
        <OptionPicker
          className={hook('survey-estate')}
          options={mine.map((o) => ({ value: o.id, label: o.name }))}
          value={estateId}
          onChange={setEstateId}
          placeholder='选择小区'
        />
      </Field>
      <Field label='期别' hint='如“2026年上半年”；同一小区同一期只有一份测评'>
        <Input className={cx('field-input', hook('survey-period'))} maxlength={20} value={period} onInput={(e) => setPeriod(e.detail.value)} />
      </Field>
      <Button
        className={cx('btn btn-primary', hook('survey-open-submit'))}
        disabled={open.busy || undefined}
        loading={open.busy}
        onClick={() =>
          void open.run(async () => {
            if (!estateId) return showInfo('请选择小区')
            if (!period.trim()) return showInfo('请填写期别')
            const r = await callAction('survey.open', { estateBranchId: estateId, year, period: period.trim() })
            showSuccess(r.repeated ? '该期测评已开启' : '已开启')
            onOpened()
          })
        }
      >
        开启测评
      </Button>
    </View>
  )
}

function SurveyCard({ s, community, onClosed }: { s: SurveyView; community: boolean; onClosed: () => void }) {
  const close = useBusy()
  const open = s.status === 'open'
  return (
    <View className={cx('card survey-manage__item', hook('survey-item'))}>
      <View className='survey-manage__head'>
        <Text className='survey-manage__name'>{s.estateName}</Text>
        <Text className={cx('survey-manage__status', open && 'survey-manage__status--open')}>{open ? '进行中' : '已结束'}</Text>
      </View>
      <Text>{s.period}</Text>
      <Text className={cx('muted', hook('survey-count'))}>
        已作答 {s.answers} 人 · 开启于 {dateText(s.openedAt)}
        {s.closedAt ? ` · 结束于 ${dateText(s.closedAt)}` : ''}
      </Text>
      <View className='btn-row'>
        <Button className={cx('btn btn-plain', hook('survey-to-results'))} onClick={() => Taro.navigateTo({ url: surveyResultsUrl(s.surveyId) })}>
          查看结果
        </Button>
        {community && open ? (
          <Button className={cx('btn btn-plain', hook('survey-to-poster'))} onClick={() => Taro.navigateTo({ url: surveyPosterUrl(s.surveyId) })}>
            海报
          </Button>
        ) : null}
        {community && open ? (
          <Button
            className={cx('btn btn-gray', hook('survey-close'))}
            disabled={close.busy || undefined}
            loading={close.busy}
            onClick={() =>
              void close.run(async () => {
                const ok = await Taro.showModal({ title: '结束测评', content: `结束后居民不能再作答或修改。确定结束“${s.title}”？` })
                if (!ok.confirm) return
                const r = await callAction('survey.close', { surveyId: s.surveyId })
                showSuccess(`已结束，共 ${r.answers} 份`)
                onClosed()
              })
            }
          >
            结束测评
          </Button>
        ) : null}
      </View>
    </View>
  )
}

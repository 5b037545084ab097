import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import type { OrgView } from '@/core/api-types'
import Field from '@/components/Field'
import JobProgress from '@/components/JobProgress'
import OptionPicker from '@/components/OptionPicker'
import { useJob } from '@/hooks/useJob'
import { callAction } from '@/services/api'
import { showInfo, showSuccess } from '@/services/feedback'
import { cx, hook } from '@/utils/cx'
import { dateTimeText } from '@/utils/format'
import { scopeOptions } from '../scopes'

interface TallyRunProps {
  yearText: string
  onYearText: (text: string) => void
  year: number
  yearOk: boolean
  isCounty: boolean
  orgs: OrgView[]
  /** The county admin's own counties: what may be tallied is at or under them. */
  countyRoots: string[]
}

/**
 * The year, and for the county admin the scope to tally, the 核算 button, its progress (a resumable job: the page
 * may be left and the job is picked up again on return) and its result.
 */
export default function TallyRun({ yearText, onYearText, year, yearOk, isCounty, orgs, countyRoots }: TallyRunProps) {
  const { job, running: busy, start } = useJob('tally')
  const tally = job?.kind === 'tally' && job.status === 'done' ? job : null
  // What to tally: the county, or a street, community or estate in it (score.tally is the county admin's).
  const [tallyScope, setTallyScope] = useState<string | null>(null)
  const tallyTarget = tallyScope ?? countyRoots[0] ?? null
  const tallyOptions = scopeOptions(orgs, countyRoots)
  const tallyLabel = (id: string | null) => tallyOptions.find((o) => o.value === id)?.label ?? id ?? ''

  const runTally = async () => {
    if (!yearOk) return showInfo('请输入正确的年度')
    if (!tallyTarget) return
    const done = await start(() => callAction('score.tallyJob', { year, scopeId: tallyTarget }))
    if (done?.status === 'done') showSuccess('核算完成')
  }

  return (
    <>
      <View className='card'>
        <Field label='年度'>
          <Input
            className={cx('field-input', hook('tally-year'))}
            type='number'
            maxlength={4}
            value={yearText}
            onInput={(e) => onYearText(e.detail.value)}
          />
        </Field>
        {isCounty ? (
          <View>
            <Field label='核算范围'>
              <OptionPicker
                className={hook('tally-run-scope')}
                options={tallyOptions}
                value={tallyTarget}
                onChange={setTallyScope}
                placeholder='选择核算范围'
              />
            </Field>
            <Button
              className={cx('btn btn-primary', hook('tally-run'))}
              disabled={busy || !tallyTarget || undefined}
              loading={busy}
              onClick={runTally}
            >
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

      {job && job.status !== 'done' ? <JobProgress job={job} className={hook('tally-progress')} /> : null}
      {tally ? (
        <View className={cx('card tally__result', hook('tally-result'))}>
          <Text className='section-title'>核算结果</Text>
          <Text className={cx('hint', hook('tally-result-scope'))}>核算范围：{tallyLabel(tally.scopeId)}</Text>
          <View className='tally__counts'>
            <Count value={tally.counts.members ?? 0} label='党员' hookClass={hook('tally-members')} />
            <Count value={tally.counts.complete ?? 0} label='总分完整' hookClass={hook('tally-complete')} />
            <Count value={tally.counts.incomplete ?? 0} label='缺单位积分' hookClass={hook('tally-incomplete')} />
          </View>
          <Text className={cx('hint', hook('tally-written'))}>
            总分有变化 {tally.counts.written ?? 0} 人，未变 {tally.counts.unchanged ?? 0} 人（未变的不重写）
          </Text>
          <Text className='hint'>核算时间：{dateTimeText(tally.finishedAt ?? tally.startedAt)}</Text>
        </View>
      ) : null}
    </>
  )
}

/** One figure of the result; `hookClass` is the test hook of its number. */
function Count({ value, label, hookClass }: { value: number; label: string; hookClass: string }) {
  return (
    <View className='tally__count'>
      <Text className={cx('tally__num', hookClass)}>{value}</Text>
      <Text className='muted'>{label}</Text>
    </View>
  )
}

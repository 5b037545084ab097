import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { JobView, SettingsView } from '@/core/api-types'
import JobProgress from '@/components/JobProgress'
import type { ActionState } from '@/hooks'
import { useJob } from '@/hooks/useJob'
import { callAction } from '@/services/api'
import { toActionError, type ActionError } from '@/services/errors'
import { showError, showSuccess } from '@/services/feedback'
import { cx, hook } from '@/utils/cx'
import { dateTimeText } from '@/utils/format'

interface FinaliseProps {
  year: number
  yearOk: boolean
  isCounty: boolean
  /** The year's settings: whether it is locked already, reloaded once it is finalised. */
  settings: ActionState<SettingsView>
}

/**
 * 定稿 (county admin): a resumable job (tally of the county, then the lock); refused up front with the estates whose
 * 公示 has not ended, shown as a list. Leaving the page does not stop it: it is picked up again on return.
 */
function useFinalise(year: number, yearOk: boolean, settings: ActionState<SettingsView>) {
  const { job, running, start } = useJob(`finalise:${year}`)
  const [asking, setAsking] = useState(false)
  const [refusal, setRefusal] = useState<ActionError | null>(null)
  const finalised = job?.kind === 'finalise' && job.status === 'done' ? job : null

  const finalise = async () => {
    if (!yearOk) return
    const { confirm } = await Taro.showModal({
      title: `定稿 ${year} 年度`,
      content: '定稿后本年度锁定，不能再审核签到、录入单位积分、修改积分明细或设置；之后的更正只能做留痕的审计调整。确定定稿吗？',
      confirmText: '确定定稿',
      confirmColor: '#c8161d',
    })
    if (!confirm) return
    setRefusal(null)
    setAsking(true)
    let first: JobView
    try {
      first = await callAction('year.finaliseJob', { year })
    } catch (err) {
      // A refusal (公示 not over, open appeals) is shown in the card; anything else is the usual error message.
      const e = toActionError(err)
      if (e.code !== 'CONFLICT') showError(err)
      else setRefusal(e)
      return
    } finally {
      setAsking(false)
    }
    const done = await start(async () => first)
    if (done?.status === 'done') {
      showSuccess(`${year} 年度已定稿`)
      await settings.reload()
    }
  }
  return { busy: running || asking, job, refusal, finalised, finalise }
}

/** The year's state: locked (when and what that means), or for the county admin the 定稿 button. */
export default function FinaliseCard({ year, yearOk, isCounty, settings }: FinaliseProps) {
  const { busy, job, refusal, finalised, finalise } = useFinalise(year, yearOk, settings)
  const s = settings.data?.year === year ? settings.data : undefined
  const refusedEstates = (refusal?.details as { estates?: string[] } | undefined)?.estates ?? []

  return (
    <>
      {s?.locked ? (
        <View className={cx('card tally__locked', hook('tally-locked'))}>
          <Text className='tally__locked-title'>{year} 年度已定稿锁定</Text>
          <Text className='hint'>
            {s.finalisedAt ? `定稿时间：${dateTimeText(s.finalisedAt)}。` : ''}
            积分、签到、单位积分和设置均不能再修改；如需更正，只能由县委组织部做留痕的审计调整。
          </Text>
        </View>
      ) : isCounty && yearOk && s ? (
        <View className={cx('card', hook('tally-finalise'))}>
          <Text className='section-title'>定稿</Text>
          <View className='notice tally__warning'>
            定稿后 {year} 年度锁定：不能再审核签到、录入或导入单位积分、修改积分明细、记录扣分或更改设置，之后的更正只能做留痕的审计调整。
            定稿前须各小区公示结束（不少于 5 个工作日），所有申诉均已答复。
          </View>
          {refusal ? (
            <View className={cx('tally__refusal', hook('tally-finalise-error'))}>
              <Text className='tally__refusal-title'>暂不能定稿</Text>
              <Text className='tally__refusal-text'>{refusedEstates.length ? '以下小区的公示尚未结束：' : refusal.message}</Text>
              {refusedEstates.map((e) => (
                <Text className={cx('tally__refusal-estate', hook('tally-finalise-estate'))} key={e}>
                  {e}
                </Text>
              ))}
            </View>
          ) : null}
          {job && job.kind === 'finalise' && job.status !== 'done' ? <JobProgress job={job} className={hook('tally-finalise-progress')} /> : null}
          <Button className={cx('btn btn-primary', hook('tally-finalise-run'))} disabled={busy || undefined} loading={busy} onClick={finalise}>
            定稿 {year} 年度
          </Button>
        </View>
      ) : null}
      {finalised ? (
        <Text className={cx('hint', hook('tally-finalised'))}>
          已定稿：共 {finalised.counts.members ?? 0} 人，总分完整 {finalised.counts.complete ?? 0} 人，未完成 {finalised.counts.incomplete ?? 0} 人。
        </Text>
      ) : null}
    </>
  )
}

import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import DateTimeField from '@/components/DateTimeField'
import Field from '@/components/Field'
import type { PublicityView } from '@/core/api-types'
import { useBusy } from '@/hooks/useBusy'
import { callAction } from '@/services/api'
import { showInfo } from '@/services/feedback'
import { cx, hook } from '@/utils/cx'
import { monthDay, todayShanghai } from '@/utils/format'

const STATE_LABEL: Record<PublicityView['status'], string> = { scheduled: '未开始', open: '公示中', ended: '已结束' }

/** The year's publicity period: when it runs and what members may do meanwhile. */
export function StatusCard({ p }: { p: PublicityView }) {
  return (
    <View className={cx('card publicity__status', hook('publicity-status', `publicity-status--${p.status}`))}>
      <View className='publicity__status-head'>
        <Text className='publicity__status-title'>年度积分公示</Text>
        <Text className={cx('publicity__state', `publicity__state--${p.status}`, hook('publicity-state'))}>{STATE_LABEL[p.status]}</Text>
      </View>
      <Text className={cx('publicity__range', hook('publicity-range'))}>
        {monthDay(p.startOn)}至 {monthDay(p.endOn)}（{p.workingDays} 个工作日）
      </Text>
      <Text className='hint'>
        {p.status === 'open'
          ? '公示期内党员可对积分流水、被驳回的签到或总分提出申诉，请及时答复。'
          : p.status === 'scheduled'
            ? '公示开始后党员即可提出申诉。'
            : '公示已结束。所有申诉答复完毕后，县委组织部即可定稿。'}
      </Text>
    </View>
  )
}

interface OpenFormProps {
  estateBranchId: string
  year: number
  /** Members whose unit score is still missing (their totals are incomplete). */
  unscored: number
  startOn: string
  onStartOn: (d: string) => void
  onOpened: () => Promise<void>
}

/** No publicity yet: what it means, and starting one from a chosen date. */
export function OpenForm({ estateBranchId, year, unscored, startOn, onStartOn, onOpened }: OpenFormProps) {
  const { busy, run } = useBusy()

  const open = async () => {
    if (startOn < todayShanghai()) return showInfo('开始日期不能早于今天')
    const { confirm } = await Taro.showModal({
      title: '开始公示',
      content: `将从 ${monthDay(startOn)} 起公示 ${year} 年度积分 5 个工作日（周末和节假日不计）。开始后不能撤回或更改日期，确定吗？`,
      confirmText: '开始公示',
    })
    if (!confirm) return
    await run(async () => {
      const p = await callAction('publicity.open', { estateBranchId, year, startOn })
      showInfo(`公示至 ${monthDay(p.endOn)}`)
      await onOpened()
    })
  }

  return (
    <View className={cx('card', hook('publicity-none'))}>
      <Text className='publicity__status-title'>尚未公示</Text>
      <Text className='hint publicity__intro'>
        公示不少于 5 个工作日（周末和县里设定的节假日不计）。公示期内党员可提出申诉；各小区公示结束、申诉答复完毕后，县委组织部定稿。
      </Text>
      {unscored ? <View className='notice publicity__warn'>还有 {unscored} 人的单位积分未录入，总分未完成，建议先提醒其单位党支部录入。</View> : null}
      <Field label='开始日期'>
        <DateTimeField className={hook('publicity-start')} mode='date' value={startOn} onChange={onStartOn} />
      </Field>
      <Button className={cx('btn btn-primary', hook('publicity-open'))} disabled={busy || undefined} loading={busy} onClick={open}>
        开始公示
      </Button>
    </View>
  )
}

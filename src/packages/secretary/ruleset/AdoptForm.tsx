import { useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { RuleSetView } from '@/core/api-types'
import DateTimeField from '@/components/DateTimeField'
import Field from '@/components/Field'
import { useBusy } from '@/hooks/useBusy'
import { callAction } from '@/services/api'
import { showInfo, showSuccess } from '@/services/feedback'
import { cx, hook } from '@/utils/cx'
import { todayShanghai } from '@/utils/format'

/** Records the 党员大会's vote on a draft and adopts it (it becomes the estate's rule set in force). */
export default function AdoptForm({ r, onCancel, onDone }: { r: RuleSetView; onCancel: () => void; onDone: () => Promise<void> }) {
  const [adoptedOn, setAdoptedOn] = useState(todayShanghai)
  const [attendees, setAttendees] = useState('')
  const [note, setNote] = useState('')
  const { busy, run } = useBusy()

  const adopt = async () => {
    const n = attendees.trim()
    if (n && !/^\d{1,6}$/.test(n)) return showInfo('到会人数应为整数')
    if (adoptedOn > todayShanghai()) return showInfo('党员大会日期不能晚于今天')
    const { confirm } = await Taro.showModal({
      title: `采用第 ${r.version} 版`,
      content: '采用后即成为本小区现行积分明细，之后的活动按此计分；已采用的版本不能再修改。确定吗？',
      confirmText: '确定采用',
    })
    if (!confirm) return
    await run(async () => {
      await callAction('ruleset.adopt', {
        rulesetId: r.id,
        adoptedOn,
        ...(n ? { attendees: Number(n) } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      showSuccess(`已采用第 ${r.version} 版`)
      await onDone()
    })
  }

  return (
    <View className={cx('ruleset__adopt', hook('ruleset-adopt-form'))}>
      <Text className='ruleset__adopt-title'>党员大会表决情况</Text>
      <Field label='党员大会日期'>
        <DateTimeField className={hook('ruleset-adopt-date')} mode='date' value={adoptedOn} onChange={setAdoptedOn} />
      </Field>
      <Field label='到会人数（选填）'>
        <Input
          className={cx('field-input', hook('ruleset-adopt-attendees'))}
          type='number'
          value={attendees}
          maxlength={6}
          placeholder='如 36'
          onInput={(e) => setAttendees(e.detail.value)}
        />
      </Field>
      <Field label='表决情况与备注（选填）'>
        <Textarea
          className={cx('field-textarea', hook('ruleset-adopt-note'))}
          value={note}
          maxlength={500}
          placeholder='如：应到 40 人，实到 36 人，全票通过'
          onInput={(e) => setNote(e.detail.value)}
        />
      </Field>
      <View className='btn-row'>
        <Button className={cx('btn btn-primary', hook('ruleset-adopt-confirm'))} disabled={busy || undefined} loading={busy} onClick={adopt}>
          确认采用
        </Button>
        <Button className={cx('btn btn-gray', hook('ruleset-adopt-cancel'))} disabled={busy || undefined} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}

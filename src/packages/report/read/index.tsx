import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { DutyGrade, DutyReportView } from '@/core/api-types'
import AsyncView from '@/components/AsyncView'
import Field from '@/components/Field'
import OptionPicker from '@/components/OptionPicker'
import { useAction, useBusy } from '@/hooks'
import { callAction } from '@/services/api'
import { showInfo, showSuccess } from '@/services/feedback'
import { cx, hook } from '@/utils/cx'
import { GRADE_OPTIONS } from '@/utils/duty-report'
import { Attachments, ReportStatus, Versions } from '../ReportParts'

/** 阅定述职: the level above reads a child org's report and marks it 已阅 with a grade and a comment. */
export default function ReadDutyReport() {
  const { params } = useRouter()
  const orgId = params.orgId ?? ''
  const year = Number(params.year)
  const report = useAction('report.get', orgId && year ? { orgId, year } : null, [orgId, year])
  return (
    <View className='page duty-read'>
      <AsyncView state={report} skeleton={{ cards: 2 }} idle={{ title: '未指定述职', hint: '请从“下级述职”进入。' }}>
        {(d) => (
          <View>
            <ReportStatus view={d} />
            <View className='card'>
              <Text className={hook('duty-text-read')} style={{ whiteSpace: 'pre-wrap' }}>
                {d.text || '尚未提交'}
              </Text>
              <Attachments items={d.attachments} />
            </View>
            {d.canRead ? <GradeForm key={`${d.version}-${d.read?.at ?? ''}`} view={d} onSaved={report.reload} /> : null}
            <Versions view={d} />
          </View>
        )}
      </AsyncView>
    </View>
  )
}

function GradeForm({ view, onSaved }: { view: DutyReportView; onSaved: () => unknown }) {
  const [grade, setGrade] = useState<DutyGrade | null>(view.read?.grade ?? null)
  const [comment, setComment] = useState(view.read?.comment ?? '')
  const { busy, run } = useBusy()
  const save = async () => {
    if (!grade) return void showInfo('请选择等次')
    if (!comment.trim()) return void showInfo('请填写评语')
    await run(async () => {
      await callAction('report.review', { orgId: view.orgId, year: view.year, version: view.version, grade, comment: comment.trim() })
      showSuccess('已阅')
      await onSaved()
    })
  }
  return (
    <View className='card'>
      <Field label='等次'>
        <OptionPicker
          className={hook('duty-grade-picker')}
          options={GRADE_OPTIONS}
          value={grade}
          onChange={(v) => setGrade(v as DutyGrade)}
          placeholder='请选择等次'
        />
      </Field>
      <Field label='评语'>
        <Textarea
          className={cx('field-textarea', hook('duty-comment-input'))}
          value={comment}
          maxlength={500}
          placeholder='对全年工作的评价和意见'
          onInput={(e) => setComment(e.detail.value)}
        />
      </Field>
      <Button className={cx('btn btn-primary', hook('duty-review'))} disabled={busy || undefined} loading={busy} onClick={save}>
        {view.read ? '更正评定' : `标记已阅（第 ${view.version} 版）`}
      </Button>
    </View>
  )
}

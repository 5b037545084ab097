import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { type DutyReportView, MAX_DUTY_REPORT_ATTACHMENTS, MAX_DUTY_REPORT_CHARS } from '@/core/api-types'
import AsyncView from '@/components/AsyncView'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import Field from '@/components/Field'
import PhotoPicker from '@/components/PhotoPicker'
import ScopeBar from '@/components/ScopeBar'
import YearSwitch from '@/components/YearSwitch'
import { useAction, useBusy, useScope } from '@/hooks'
import { callAction, type RequestOf } from '@/services/api'
import { showInfo, showSuccess } from '@/services/feedback'
import { askFor } from '@/services/subscribe'
import { uploadPhoto } from '@/services/upload-photo'
import { cx, hook } from '@/utils/cx'
import { defaultReportYear, reportProblem } from '@/utils/duty-report'
import { todayShanghai } from '@/utils/format'
import { Attachments, ReportStatus, Versions } from '../ReportParts'

/**
 * 年度述职 (docs/DESIGN.md#duty-reports): the estate secretary reports to the community, the community admin to the
 * street, the street admin to the county. Submitted once a year, revisable (each version kept) until read.
 */
export default function MyDutyReport() {
  const scope = useScope(['estate_secretary', 'community_admin', 'street_admin'])
  const [year, setYear] = useState(() => defaultReportYear(todayShanghai()))
  const report = useAction('report.get', scope.scopeId ? { orgId: scope.scopeId, year } : null, [scope.scopeId, year])

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  if (!scope.loading && scope.me && !scope.scopes.length) {
    return (
      <View className='page'>
        <EmptyState title='无需述职' hint='小区党支部书记、社区和街道管理员在这里向上级提交年度述职。' />
      </View>
    )
  }
  return (
    <View className='page duty-report'>
      <ScopeBar label='述职的组织' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <YearSwitch year={year} onChange={setYear} />
      <AsyncView state={report} waiting={scope.loading} skeleton={{ cards: 2 }} stale={(d) => d.year !== year || d.orgId !== scope.scopeId}>
        {(d) => <ReportForm key={`${d.orgId}-${d.year}-${d.version}-${d.status}`} view={d} openid={scope.me?.openid ?? ''} onSaved={report.reload} />}
      </AsyncView>
    </View>
  )
}

function ReportForm({ view, openid, onSaved }: { view: DutyReportView; openid: string; onSaved: () => unknown }) {
  const [text, setText] = useState(view.text)
  const [kept, setKept] = useState(view.attachments)
  const [photos, setPhotos] = useState<string[]>([])
  const [progress, setProgress] = useState('')
  const { busy, run } = useBusy()
  const room = MAX_DUTY_REPORT_ATTACHMENTS - kept.length

  const submit = async () => {
    const problem = reportProblem(text, kept.length + photos.length)
    if (problem) return void showInfo(problem)
    // Inside the tap, before any await (docs/DESIGN.md#reminders): the 已阅 result and later reminders.
    void askFor('report')
    await run(async () => {
      try {
        const ids = kept.map((a) => a.id)
        for (const [i, path] of photos.entries()) {
          setProgress(`正在上传附件 ${i + 1}/${photos.length}`)
          ids.push(await uploadPhoto(path, openid))
        }
        setProgress('正在提交')
        const body: RequestOf<'report.submit'> = { orgId: view.orgId, year: view.year, text: text.trim() }
        if (ids.length) body.attachments = ids
        if (view.version) body.baseVersion = view.version
        const saved = await callAction('report.submit', body)
        showSuccess(saved.version > 1 ? `已提交第 ${saved.version} 版` : '述职已提交')
        await onSaved()
      } finally {
        setProgress('')
      }
    })
  }

  return (
    <View>
      <ReportStatus view={view} />
      {view.canSubmit ? (
        <View className='card'>
          <Field label='述职报告' hint={`${text.trim().length}/${MAX_DUTY_REPORT_CHARS} 字。上级阅定前可以修改，每次修改都会留存。`}>
            <Textarea
              className={cx('field-textarea', hook('duty-text'))}
              value={text}
              maxlength={MAX_DUTY_REPORT_CHARS}
              autoHeight
              placeholder='全年工作情况、主要成效、存在问题和下一步打算'
              onInput={(e) => setText(e.detail.value)}
            />
          </Field>
          <Field label={`附件/照片（${kept.length + photos.length}/${MAX_DUTY_REPORT_ATTACHMENTS}）`}>
            <Attachments items={kept} onRemove={(id) => setKept(kept.filter((a) => a.id !== id))} />
            {room > 0 ? <PhotoPicker hook='duty' photos={photos} onChange={setPhotos} max={room} /> : null}
          </Field>
          <Button className={cx('btn btn-primary', hook('duty-submit'))} disabled={busy || undefined} loading={busy} onClick={submit}>
            {view.status === 'none' ? '提交述职' : `提交修改（第 ${view.version + 1} 版）`}
          </Button>
          {progress ? <Text className={cx('hint', hook('duty-progress'))}>{progress}</Text> : null}
        </View>
      ) : view.status !== 'none' ? (
        <View className='card'>
          <Text className={hook('duty-text-read')} style={{ whiteSpace: 'pre-wrap' }}>
            {view.text}
          </Text>
          <Attachments items={view.attachments} />
        </View>
      ) : (
        <EmptyState title='尚未述职' hint='只有本组织的书记或管理员可以提交述职。' />
      )}
      <Versions view={view} />
    </View>
  )
}

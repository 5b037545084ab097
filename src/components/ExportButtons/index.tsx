import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { JobView } from '@/core/api-types'
import type { BodyOf } from '@/core/contracts'
import JobProgress from '@/components/JobProgress'
import { useJob } from '@/hooks/useJob'
import { callAction } from '@/services/api'
import { showInfo } from '@/services/feedback'
import { saveExport } from '@/services/save-file'
import { cx, hook } from '@/utils/cx'
import './index.scss'

export type ExportKind = BodyOf<'export.start'>['kind']

export const EXPORT_LABEL: Record<ExportKind, string> = {
  totals: '年度总分',
  ledger: '积分流水',
  roster: '名册',
  feedback: '双报告反馈表',
}

export interface ExportButtonsProps {
  kinds: ExportKind[]
  scopeId: string | null
  year: number
  /** What the scope is called, shown above the buttons. */
  scopeName?: string
  className?: string
}

/** Hands a finished export's file to the person: downloaded on H5, opened in WeChat's viewer on the phone. */
async function save(job: JobView): Promise<void> {
  if (!job.file) return
  try {
    await saveExport({ url: job.file.url, filename: job.file.name })
  } catch (err) {
    Taro.showModal({ title: '导出', content: err instanceof Error ? err.message : '文件保存失败', showCancel: false, confirmText: '知道了' })
    return
  }
  showInfo(`已导出 ${job.counts.rows ?? 0} 行`, 1500)
}

/**
 * Excel (.xlsx) exports of the current scope and year, of any size: each is an export job (docs/DESIGN.md#jobs)
 * driven with a progress bar; when it is done the file comes from its temporary link. Leaving the page and coming
 * back picks the job up again, and a finished file can be fetched again from the link while it lasts.
 */
export default function ExportButtons({ kinds, scopeId, year, scopeName, className }: ExportButtonsProps) {
  const { job, running, start, clear } = useJob(`export:${scopeId ?? ''}:${year}`)
  const [busy, setBusy] = useState<ExportKind | null>(null)

  const run = async (kind: ExportKind) => {
    if (!scopeId) return
    clear()
    setBusy(kind)
    try {
      const done = await start(() => callAction('export.start', { kind, scopeId, year }))
      if (done?.status === 'done') await save(done)
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className={cx('card export-buttons', className)}>
      <Text className='export-buttons__title'>导出 Excel</Text>
      <Text className='hint'>
        {scopeName ? `${scopeName} · ` : ''}
        {year} 年度
      </Text>
      <View className='export-buttons__row'>
        {kinds.map((k) => (
          <Button
            key={k}
            className={cx('btn btn-plain export-buttons__btn', hook(`export-${k}`))}
            disabled={running || busy !== null || !scopeId || undefined}
            loading={busy === k}
            onClick={() => run(k)}
          >
            {EXPORT_LABEL[k]}
          </Button>
        ))}
      </View>
      {job && job.status !== 'done' ? <JobProgress job={job} className='export-buttons__progress' /> : null}
      {job && job.status === 'done' && job.file && !running ? (
        <View className='export-buttons__done'>
          <Text className={cx('hint', hook('export-file'))}>{job.file.name}</Text>
          <Button className={cx('btn btn-plain export-buttons__btn', hook('export-save'))} onClick={() => save(job)}>
            再次下载
          </Button>
        </View>
      ) : null}
    </View>
  )
}

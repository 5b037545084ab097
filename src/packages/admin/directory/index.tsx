import { Button, Text, View } from '@tarojs/components'
import JobProgress from '@/components/JobProgress'
import ScopeGate from '@/components/ScopeGate'
import SheetPicker from '@/components/SheetPicker'
import type { JobView } from '@/core/api-types'
import { useScope } from '@/hooks'
import { showInfo } from '@/services/feedback'
import { cx, hook } from '@/utils/cx'
import { type ProblemPage, useDirectoryImport } from './useDirectoryImport'
import './index.scss'

/**
 * 名册导入: the county's roster file (.xlsx or .csv) is read on the phone and imported in chunks — first a preview
 * that checks every row and lists the problems (第 N 行 + 原因), then, once the admin confirms, the import itself,
 * each with a progress bar (docs/DESIGN.md#directory-import).
 */
export default function DirectoryImport() {
  const scope = useScope('county_admin')
  const im = useDirectoryImport()
  const applying = im.applyJob?.status === 'running'
  return (
    <ScopeGate scope={scope} empty={{ title: '仅县级管理员可用', hint: '党员名册由县级管理员导入。' }}>
      {() => (
        <View className='page directory-import'>
          <View className='card'>
            <Text className='directory-import__title'>导入党员名册</Text>
            <Text className='hint directory-import__how'>
              选择名册文件（.xlsx 或
              .csv）。第一行写表头：党员编号、姓名、手机号、单位党支部（编号），可选“小区党支部”。系统先逐行预检并列出有问题的行，确认后才写入名册；已报到党员的小区不会被改动。
            </Text>
            <SheetPicker
              className={hook('directory-pick')}
              label={im.loaded ? '重新选择文件' : '选择文件（.xlsx / .csv）'}
              disabled={im.busy}
              onPicked={(f) => void im.onPicked(f)}
              onError={(m) => showInfo(m)}
            />
            {im.loaded ? (
              <Text className={cx('muted directory-import__file', hook('directory-file'))}>
                已选：{im.loaded.fileName}（{im.loaded.rows.length} 行）
              </Text>
            ) : null}
          </View>

          {im.loaded?.errors.length ? (
            <View className={cx('card directory-import__bad', hook('directory-file-errors'))}>
              <Text className='directory-import__bad-title'>这个文件无法导入</Text>
              {im.loaded.errors.map((e) => (
                <Text className='directory-import__line' key={e}>
                  {e}
                </Text>
              ))}
            </View>
          ) : null}

          {im.uploaded ? (
            <Text className={cx('muted directory-import__uploading', hook('directory-uploading'))}>
              正在上传 {im.uploaded.done} / {im.uploaded.of} 块…
            </Text>
          ) : null}
          {im.previewJob && im.previewJob.status !== 'done' ? <JobProgress job={im.previewJob} /> : null}

          {im.previewDone && !im.applyJob ? (
            <PreviewCard job={im.previewDone} problems={im.problems} paging={im.paging} onPage={im.showPage} busy={im.busy} onConfirm={im.confirm} />
          ) : null}

          {im.applyJob ? <JobProgress job={im.applyJob} className={hook('directory-apply-progress')} /> : null}
          {im.applyJob?.status === 'done' && !applying ? (
            <View className={cx('card directory-import__done', hook('directory-done'))}>
              <Text className='directory-import__title'>导入完成</Text>
              <Text>
                新增 {im.applyJob.counts.created ?? 0} 人，更新 {im.applyJob.counts.updated ?? 0} 人，未变 {im.applyJob.counts.unchanged ?? 0}{' '}
                人；跳过有问题的 {im.applyJob.counts.problems ?? 0} 行。
              </Text>
            </View>
          ) : null}
        </View>
      )}
    </ScopeGate>
  )
}

interface PreviewCardProps {
  job: JobView
  problems: ProblemPage | null
  paging: boolean
  busy: boolean
  onPage: (page: number) => void
  onConfirm: () => void
}

/** The preview's forecast, its problem rows a page at a time, and the confirmation. */
function PreviewCard({ job, problems, paging, busy, onPage, onConfirm }: PreviewCardProps) {
  const c = job.counts
  const writes = (c.created ?? 0) + (c.updated ?? 0)
  return (
    <View className={cx('card directory-import__preview', hook('directory-preview'))}>
      <Text className='directory-import__title'>预检结果</Text>
      <Text className={hook('directory-counts')}>
        新增 {c.created ?? 0} · 更新 {c.updated ?? 0} · 未变 {c.unchanged ?? 0} · 问题 {c.problems ?? 0} 行
      </Text>
      {c.problems ? (
        <View className={cx('directory-import__bad', hook('directory-problems'))}>
          <Text className='directory-import__bad-title'>以下行有问题，不会导入（改正后可重新导入）</Text>
          {problems?.problems.map((p) => (
            <Text className={cx('directory-import__line', hook('directory-problem'))} key={`${p.line}-${p.reason}`}>
              第 {p.line} 行{p.name ? `（${p.name}）` : ''}：{p.reason}
            </Text>
          ))}
          {problems && problems.pages > 1 ? (
            <View className='directory-import__pager'>
              <Button
                className={cx('btn btn-plain', hook('directory-prev'))}
                disabled={paging || problems.page === 0}
                onClick={() => onPage(problems.page - 1)}
              >
                上一页
              </Button>
              <Text className={cx('muted', hook('directory-page'))}>
                {problems.page + 1} / {problems.pages}
              </Text>
              <Button
                className={cx('btn btn-plain', hook('directory-next'))}
                disabled={paging || problems.page + 1 >= problems.pages}
                onClick={() => onPage(problems.page + 1)}
              >
                下一页
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
      <Button className={cx('btn btn-primary', hook('directory-confirm'))} disabled={busy || writes === 0} onClick={onConfirm}>
        确认导入
      </Button>
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import type { JobView } from '@/core/api-types'
import { cx, hook } from '@/utils/cx'
import './index.scss'

export interface JobProgressProps {
  job: JobView
  /** The page's test hook for this bar (e.g. hook('tally-progress')); the bar's own class is styled, so never a hook. */
  className?: string
}

/** A long job's progress: its words ("已核算 3,200 / 10,000 人"), a bar and the percentage. */
export default function JobProgress({ job, className }: JobProgressProps) {
  const failed = job.status === 'failed'
  return (
    <View className={cx('job-progress', failed && 'job-progress--failed', hook('job-view'), className)}>
      <View className='job-progress__head'>
        <Text className={cx('job-progress__label', hook('job-label'))}>{job.label}</Text>
        <Text className={cx('job-progress__percent', hook('job-percent'))}>{failed ? '未完成' : `${job.percent}%`}</Text>
      </View>
      <View
        className='job-progress__track'
        role='progressbar'
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={job.percent}
        aria-label={job.label}
      >
        <View className='job-progress__bar' style={{ width: `${job.percent}%` }} />
      </View>
      {failed && job.error ? <Text className={cx('job-progress__error', hook('job-error'))}>{job.error.message}</Text> : null}
      {job.status === 'running' ? <Text className='job-progress__hint'>可以离开此页，回来后继续；无人推进时系统会自动完成</Text> : null}
    </View>
  )
}

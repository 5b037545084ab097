import { Text } from '@tarojs/components'
import type { AttendanceStatus } from '@/core/api-types'
import { STATUS_LABEL } from '@/utils/format'
import './index.scss'
import { cx, hook } from '@/utils/cx'

export interface StatusBadgeProps {
  status: AttendanceStatus
  className?: string
}

export default function StatusBadge({ status, className }: StatusBadgeProps) {
  return <Text className={cx('status-badge', `status-badge--${status}`, hook('status-label'), className)}>{STATUS_LABEL[status] ?? status}</Text>
}

import { Text, View } from '@tarojs/components'
import { currentYear } from '@/utils/format'
import { cx, hook } from '@/utils/cx'

export interface YearSwitchProps {
  year: number
  onChange: (year: number) => void
  className?: string
  /** The latest year offered (default the current one; next year where it is prepared ahead: 积分明细, settings). */
  max?: number
}

/** ‹ 2024 · 2025 年度 · 2026 › — never past `max` (the current year unless told). */
export default function YearSwitch({ year, onChange, className, max }: YearSwitchProps) {
  const canNext = year < (max ?? currentYear())
  return (
    <View className={cx('section-title', className)}>
      <Text className={cx('link', hook('year-prev'))} onClick={() => onChange(year - 1)}>
        ‹ {year - 1}
      </Text>
      <Text className={hook('year-current')}>{year} 年度</Text>
      <Text className={cx('link', hook('year-next'))} onClick={() => canNext && onChange(year + 1)}>
        {canNext ? `${year + 1} ›` : ' '}
      </Text>
    </View>
  )
}

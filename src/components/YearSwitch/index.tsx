import { Text, View } from '@tarojs/components'
import { a11y } from '@/utils/a11y'
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
      <View className={cx('link', hook('year-prev'))} {...a11y('button', { label: `上一年度，${year - 1} 年` })} onClick={() => onChange(year - 1)}>
        ‹ {year - 1}
      </View>
      <Text className={cx('nowrap', hook('year-current'))}>{year} 年度</Text>
      {canNext ? (
        <View className={cx('link', hook('year-next'))} {...a11y('button', { label: `下一年度，${year + 1} 年` })} onClick={() => onChange(year + 1)}>
          {year + 1} ›
        </View>
      ) : (
        <View className={hook('year-next')} aria-hidden>
          {' '}
        </View>
      )}
    </View>
  )
}

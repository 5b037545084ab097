import { Input, Text, View } from '@tarojs/components'
import { cx, hook } from '@/utils/cx'

interface WeightsProps {
  unit: string
  estate: string
  error: string | null
  locked: boolean
  onChange: (patch: { unit?: string; estate?: string }) => void
}

/** 权重: the unit's and the estate's share of the year total, typed as decimals that must add up to 1. */
export default function WeightsCard({ unit, estate, error, locked, onChange }: WeightsProps) {
  const input = (value: string, hookClass: string, change: (v: string) => void) => (
    <Input
      className={cx('field-input', error && 'settings__bad', hookClass)}
      type='digit'
      value={value}
      maxlength={6}
      disabled={locked || undefined}
      onInput={(e) => change(e.detail.value)}
    />
  )
  return (
    <View className='card'>
      <Text className='settings__title'>权重</Text>
      <Text className='hint'>年度总分 = 单位权重 × 单位积分 + 小区权重 × 小区积分，两个权重之和必须为 1（默认各 0.5）。</Text>
      <View className='settings__pair'>
        <View className='settings__cell'>
          <Text className='settings__label'>单位权重</Text>
          {input(unit, hook('settings-weight-unit'), (v) => onChange({ unit: v }))}
        </View>
        <View className='settings__cell'>
          <Text className='settings__label'>小区权重</Text>
          {input(estate, hook('settings-weight-estate'), (v) => onChange({ estate: v }))}
        </View>
      </View>
      {error ? <Text className={cx('settings__error', hook('settings-weights-error'))}>{error}</Text> : null}
    </View>
  )
}

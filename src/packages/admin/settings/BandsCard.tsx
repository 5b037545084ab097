import { Button, Input, Text, View } from '@tarojs/components'
import { cx, hook } from '@/utils/cx'
import type { BandDraft } from './validate'
import { a11y } from '@/utils/a11y'

interface BandsProps {
  bands: BandDraft[]
  error: string | null
  locked: boolean
  onChange: (bands: BandDraft[]) => void
}

/** 等次: 1–8 grade bands, each a name and the lowest total that earns it. */
export default function BandsCard({ bands, error, locked, onChange }: BandsProps) {
  const edit = (k: number, patch: Partial<BandDraft>) => onChange(bands.map((x, i) => (i === k ? { ...x, ...patch } : x)))
  return (
    <View className='card'>
      <Text className='settings__title'>等次</Text>
      <Text className='hint'>总分不低于分数线即为该等次；最低一档从 0 分起。</Text>
      {bands.map((b, k) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a band row is edited in place (its name is what changes); rows are added and removed at the end
        <View className={cx('settings__band', hook('settings-band'))} key={k}>
          <Input
            className={cx('field-input settings__band-name', hook('settings-band-name'))}
            value={b.name}
            maxlength={10}
            disabled={locked || undefined}
            placeholder='名称'
            onInput={(e) => edit(k, { name: e.detail.value })}
          />
          <Text className='settings__ge'>≥</Text>
          <Input
            className={cx('field-input settings__band-min', hook('settings-band-min'))}
            type='digit'
            value={b.min}
            maxlength={6}
            disabled={locked || undefined}
            placeholder='分数线'
            onInput={(e) => edit(k, { min: e.detail.value })}
          />
          {!locked && bands.length > 1 ? (
            <Text
              {...a11y('button', { label: '删除这一档等次' })}
              className='link settings__remove'
              onClick={() => onChange(bands.filter((_, i) => i !== k))}
            >
              删除
            </Text>
          ) : null}
        </View>
      ))}
      {error ? <Text className={cx('settings__error', hook('settings-bands-error'))}>{error}</Text> : null}
      {!locked && bands.length < 8 ? (
        <Button className={cx('btn btn-plain', hook('settings-add-band'))} onClick={() => onChange([...bands, { name: '', min: '' }])}>
          ＋ 添加一档
        </Button>
      ) : null}
    </View>
  )
}

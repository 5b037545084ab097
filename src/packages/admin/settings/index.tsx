import { useEffect, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { SettingsView } from '@/core/api-types'
import CheckBox from '@/components/CheckBox'
import DateTimeField from '@/components/DateTimeField'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import Skeleton from '@/components/Skeleton'
import YearSwitch from '@/components/YearSwitch'
import { useAction, useScope } from '@/hooks'
import { callAction } from '@/services/api'
import { currentYear, dateTimeText, monthDay, todayShanghai } from '@/utils/format'
import { validateBands, validateWeights, type BandDraft } from './validate'
import './index.scss'
import { useBusy } from '@/hooks/useBusy'

interface Form {
  unit: string
  estate: string
  bands: BandDraft[]
  holidays: string[]
  extraWorkdays: string[]
  honourList: boolean
}

const formOf = (s: SettingsView): Form => ({
  unit: String(s.weights.unit),
  estate: String(s.weights.estate),
  bands: s.bands.map((b) => ({ name: b.name, min: String(b.min) })),
  holidays: s.holidays,
  extraWorkdays: s.extraWorkdays,
  honourList: s.honourList,
})

/** 设置 (county admin): weights, bands, the 公示 calendar (holidays and 调休 working days) and the honour list. */
export default function Settings() {
  const scope = useScope('county_admin')
  const [year, setYear] = useState(currentYear)
  const got = useAction('settings.get', scope.scopeId ? { year } : null, [scope.scopeId, year])
  const [form, setForm] = useState<Form | null>(null)
  const { busy, run } = useBusy()
  useEffect(() => {
    if (got.data && got.data.year === year) setForm(formOf(got.data))
  }, [got.data, year])

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  if (scope.loading) return <View className='page'>{<Skeleton />}</View>
  if (!scope.scopeId) return <View className='page'>{<EmptyState title='仅县委组织部可用' hint='权重、等次和公示日历由县委组织部统一设置。' />}</View>

  const s = got.data?.year === year ? got.data : undefined
  const weights = form ? validateWeights(form.unit, form.estate) : null
  const bands = form ? validateBands(form.bands) : null
  const weightError = weights && 'error' in weights ? weights.error : null
  const bandError = bands && 'error' in bands ? bands.error : null
  const locked = !!s?.locked
  const set = (patch: Partial<Form>) => form && setForm({ ...form, ...patch })

  const save = async () => {
    if (!form || !weights || !bands) return
    if ('error' in weights || 'error' in bands) {
      Taro.showToast({ title: ('error' in weights ? weights.error : '') || ('error' in bands ? bands.error : ''), icon: 'none', duration: 2500 })
      return
    }
    await run(async () => {
      const next = await callAction('settings.set', {
        year,
        weights: weights.weights,
        bands: bands.bands,
        holidays: form.holidays,
        extraWorkdays: form.extraWorkdays,
        honourList: form.honourList,
      })
      setForm(formOf(next))
      Taro.showToast({ title: '设置已保存', icon: 'success' })
      await got.reload()
    })
  }

  return (
    <View className='page settings'>
      <YearSwitch year={year} onChange={setYear} max={currentYear() + 1} />
      {got.error && !s ? (
        <ErrorView error={got.error} onRetry={got.reload} />
      ) : !s || !form ? (
        <Skeleton cards={3} />
      ) : (
        <View>
          {locked ? (
            <View className='notice settings-locked'>
              {year} 年度已于 {s.finalisedAt ? dateTimeText(s.finalisedAt) : ''} 定稿锁定，设置不能再修改。
            </View>
          ) : null}

          <View className='card'>
            <Text className='settings__title'>权重</Text>
            <Text className='hint'>年度总分 = 单位权重 × 单位积分 + 小区权重 × 小区积分，两个权重之和必须为 1（默认各 0.5）。</Text>
            <View className='settings__pair'>
              <View className='settings__cell'>
                <Text className='settings__label'>单位权重</Text>
                <Input
                  className={`field-input settings-weight-unit ${weightError ? 'settings__bad' : ''}`}
                  type='digit'
                  value={form.unit}
                  maxlength={6}
                  disabled={locked || undefined}
                  onInput={(e) => set({ unit: e.detail.value })}
                />
              </View>
              <View className='settings__cell'>
                <Text className='settings__label'>小区权重</Text>
                <Input
                  className={`field-input settings-weight-estate ${weightError ? 'settings__bad' : ''}`}
                  type='digit'
                  value={form.estate}
                  maxlength={6}
                  disabled={locked || undefined}
                  onInput={(e) => set({ estate: e.detail.value })}
                />
              </View>
            </View>
            {weightError ? <Text className='settings__error settings-weights-error'>{weightError}</Text> : null}
          </View>

          <View className='card'>
            <Text className='settings__title'>等次</Text>
            <Text className='hint'>总分不低于分数线即为该等次；最低一档从 0 分起。</Text>
            {form.bands.map((b, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a band row is edited in place (its name is what changes); rows are added and removed at the end
              <View className='settings__band settings-band' key={k}>
                <Input
                  className='field-input settings__band-name settings-band-name'
                  value={b.name}
                  maxlength={10}
                  disabled={locked || undefined}
                  placeholder='名称'
                  onInput={(e) => set({ bands: form.bands.map((x, i) => (i === k ? { ...x, name: e.detail.value } : x)) })}
                />
                <Text className='settings__ge'>≥</Text>
                <Input
                  className='field-input settings__band-min settings-band-min'
                  type='digit'
                  value={b.min}
                  maxlength={6}
                  disabled={locked || undefined}
                  placeholder='分数线'
                  onInput={(e) => set({ bands: form.bands.map((x, i) => (i === k ? { ...x, min: e.detail.value } : x)) })}
                />
                {!locked && form.bands.length > 1 ? (
                  <Text className='link settings__remove' onClick={() => set({ bands: form.bands.filter((_, i) => i !== k) })}>
                    删除
                  </Text>
                ) : null}
              </View>
            ))}
            {bandError ? <Text className='settings__error settings-bands-error'>{bandError}</Text> : null}
            {!locked && form.bands.length < 8 ? (
              <Button className='btn btn-plain settings-add-band' onClick={() => set({ bands: [...form.bands, { name: '', min: '' }] })}>
                ＋ 添加一档
              </Button>
            ) : null}
          </View>

          <DateList
            title='节假日'
            hint='公示按工作日计算：周末和这里的节假日不计入。'
            className='settings-holidays'
            year={year}
            dates={form.holidays}
            locked={locked}
            onChange={(holidays) => set({ holidays })}
          />
          <DateList
            title='调休工作日'
            hint='因调休需要上班的周末，计入公示的工作日。'
            className='settings-workdays'
            year={year}
            dates={form.extraWorkdays}
            locked={locked}
            onChange={(extraWorkdays) => set({ extraWorkdays })}
          />

          <View className='card'>
            <Text className='settings__title'>光荣榜</Text>
            <CheckBox
              className='settings-honour'
              checked={form.honourList}
              onChange={(v) => !locked && set({ honourList: v })}
              label='启用小区内光荣榜（仅本小区党员可见，默认关闭）'
            />
          </View>

          <Button
            className='btn btn-primary settings-save'
            disabled={busy || locked || !!weightError || !!bandError || undefined}
            loading={busy}
            onClick={save}
          >
            保存 {year} 年度设置
          </Button>
        </View>
      )}
    </View>
  )
}

interface DateListProps {
  title: string
  hint: string
  year: number
  dates: string[]
  locked: boolean
  onChange: (dates: string[]) => void
  className: string
}

function DateList({ title, hint, year, dates, locked, onChange, className }: DateListProps) {
  const [pick, setPick] = useState(todayShanghai)
  const add = () => {
    if (dates.includes(pick)) return void Taro.showToast({ title: '已添加过这一天', icon: 'none' })
    onChange([...dates, pick].sort())
  }
  return (
    <View className={`card ${className}`}>
      <Text className='settings__title'>{title}</Text>
      <Text className='hint'>{hint}</Text>
      <View className='settings__dates'>
        {dates.length === 0 ? <Text className='muted'>暂无</Text> : null}
        {dates.map((d) => (
          <Text key={d} className='settings__date' onClick={() => !locked && onChange(dates.filter((x) => x !== d))}>
            {monthDay(d)}
            {d.slice(0, 4) !== String(year) ? `（${d.slice(0, 4)} 年）` : ''}
            {locked ? '' : ' ×'}
          </Text>
        ))}
      </View>
      {!locked ? (
        <View className='btn-row settings__add'>
          <DateTimeField mode='date' value={pick} onChange={setPick} className={`${className}-date`} />
          <Button className={`btn btn-plain ${className}-add`} onClick={add}>
            添加
          </Button>
        </View>
      ) : null}
    </View>
  )
}

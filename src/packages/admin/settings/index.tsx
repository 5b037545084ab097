import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import AsyncView from '@/components/AsyncView'
import CheckBox from '@/components/CheckBox'
import ScopeGate from '@/components/ScopeGate'
import YearSwitch from '@/components/YearSwitch'
import { useScope } from '@/hooks'
import { cx, hook } from '@/utils/cx'
import { currentYear, dateTimeText } from '@/utils/format'
import BandsCard from './BandsCard'
import DateList from './DateList'
import { useSettingsForm } from './useSettingsForm'
import WeightsCard from './WeightsCard'
import './index.scss'

/** 设置 (county admin): weights, bands, the 公示 calendar (holidays and 调休 working days) and the honour list. */
export default function Settings() {
  const scope = useScope('county_admin')
  const [year, setYear] = useState(currentYear)
  const { state, set, weightError, bandError, busy, save } = useSettingsForm(scope.scopeId, year)

  return (
    <ScopeGate scope={scope} empty={{ title: '仅县委组织部可用', hint: '权重、等次和公示日历由县委组织部统一设置。' }}>
      {() => (
        <View className='page settings'>
          <YearSwitch year={year} onChange={setYear} max={currentYear() + 1} />
          <AsyncView state={state} skeleton={{ cards: 3 }}>
            {({ s, form }) => {
              const locked = !!s.locked
              return (
                <View>
                  {locked ? (
                    <View className={cx('notice', hook('settings-locked'))}>
                      {year} 年度已于 {s.finalisedAt ? dateTimeText(s.finalisedAt) : ''} 定稿锁定，设置不能再修改。
                    </View>
                  ) : null}
                  <WeightsCard unit={form.unit} estate={form.estate} error={weightError} locked={locked} onChange={set} />
                  <BandsCard bands={form.bands} error={bandError} locked={locked} onChange={(bands) => set({ bands })} />
                  {s.calendarPrefilled && !locked ? (
                    <View className={cx('notice', hook('settings-prefilled'))}>
                      节假日和调休工作日已按国务院办公厅公布的 {year} 年节假日安排预填，可增删后保存。
                    </View>
                  ) : null}
                  <DateList
                    title='节假日'
                    hint='公示按工作日计算：周末和这里的节假日不计入。'
                    hookName={hook('settings-holidays')}
                    year={year}
                    dates={form.holidays}
                    locked={locked}
                    onChange={(holidays) => set({ holidays })}
                  />
                  <DateList
                    title='调休工作日'
                    hint='因调休需要上班的周末，计入公示的工作日。'
                    hookName={hook('settings-workdays')}
                    year={year}
                    dates={form.extraWorkdays}
                    locked={locked}
                    onChange={(extraWorkdays) => set({ extraWorkdays })}
                  />
                  <View className='card'>
                    <Text className='settings__title'>光荣榜</Text>
                    <CheckBox
                      className={hook('settings-honour')}
                      checked={form.honourList}
                      onChange={(v) => !locked && set({ honourList: v })}
                      label='启用小区内光荣榜（仅本小区党员可见，默认关闭）'
                    />
                  </View>
                  <Button
                    className={cx('btn btn-primary', hook('settings-save'))}
                    disabled={busy || locked || !!weightError || !!bandError || undefined}
                    loading={busy}
                    onClick={save}
                  >
                    保存 {year} 年度设置
                  </Button>
                </View>
              )
            }}
          </AsyncView>
        </View>
      )}
    </ScopeGate>
  )
}

import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { BodyOf } from '@/core/contracts'
import { callAction } from '@/services/api'
import { showError, showInfo } from '@/services/feedback'
import { saveWorkbook } from '@/services/save-file'
import { cx, hook } from '@/utils/cx'
import './index.scss'

export type ExportKind = BodyOf<'export.xlsx'>['kind']

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

/** Excel (.xlsx) exports of the current scope and year: downloaded on H5, opened in WeChat's viewer on the phone. */
export default function ExportButtons({ kinds, scopeId, year, scopeName, className }: ExportButtonsProps) {
  const [busy, setBusy] = useState<ExportKind | null>(null)

  const run = async (kind: ExportKind) => {
    if (!scopeId) return
    setBusy(kind)
    try {
      const file = await callAction('export.xlsx', { kind, scopeId, year })
      try {
        await saveWorkbook(file)
      } catch (err) {
        Taro.showModal({ title: '导出', content: err instanceof Error ? err.message : '文件保存失败', showCancel: false, confirmText: '知道了' })
        return
      }
      showInfo(`已导出 ${file.rows} 行`, 1500)
    } catch (err) {
      showError(err)
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
            disabled={busy !== null || !scopeId || undefined}
            loading={busy === k}
            onClick={() => run(k)}
          >
            {EXPORT_LABEL[k]}
          </Button>
        ))}
      </View>
    </View>
  )
}

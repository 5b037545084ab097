import { useEffect, useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { showInfo } from '@/services/feedback'
import { cx, hook } from '@/utils/cx'
import './index.scss'
import { a11y } from '@/utils/a11y'

export interface ReasonDialogProps {
  open: boolean
  title: string
  /** What happens on confirm, in one sentence (e.g. who gets told). */
  hint?: string
  placeholder?: string
  confirmText?: string
  busy?: boolean
  /** Called with the trimmed reason; never with an empty one. */
  onConfirm: (reason: string) => void
  onCancel: () => void
  /** Stable class for tests (e.g. activities-cancel-dialog). */
  className?: string
}

/**
 * Asks for a required reason (取消活动, 撤销). WeChat's showModal can take text only from base library 2.17 and
 * Taro's H5 modal not at all, so this is a page-level sheet that looks and works the same on both.
 */
export default function ReasonDialog({
  open,
  title,
  hint,
  placeholder = '请填写理由',
  confirmText = '确定',
  busy,
  onConfirm,
  onCancel,
  className,
}: ReasonDialogProps) {
  const [reason, setReason] = useState('')
  useEffect(() => {
    if (open) setReason('')
  }, [open])
  if (!open) return null
  const confirm = () => {
    const r = reason.trim()
    if (!r) {
      showInfo('请填写理由', 1500)
      return
    }
    onConfirm(r)
  }
  return (
    <View className={cx('reason-dialog', className)}>
      <View {...a11y('button', { label: '取消' })} className='reason-dialog__mask' onClick={onCancel} />
      <View className='reason-dialog__panel'>
        <Text className='reason-dialog__title'>{title}</Text>
        {hint ? <Text className='reason-dialog__hint'>{hint}</Text> : null}
        <Textarea
          className={cx('field-textarea reason-dialog__input', hook('reason-dialog-input'))}
          value={reason}
          maxlength={200}
          // A textarea inside a fixed panel must say so on WeChat, or it is drawn in the wrong place.
          fixed
          placeholder={placeholder}
          onInput={(e) => setReason(e.detail.value)}
        />
        <View className='btn-row'>
          <Button className={cx('btn btn-gray', hook('reason-dialog-cancel'))} onClick={onCancel}>
            返回
          </Button>
          <Button className={cx('btn btn-primary', hook('reason-dialog-confirm'))} disabled={busy || undefined} onClick={confirm}>
            {busy ? '提交中…' : confirmText}
          </Button>
        </View>
      </View>
    </View>
  )
}

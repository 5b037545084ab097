import { Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { privacyProblem } from '@/services/privacy'
import { cx } from '@/utils/cx'
import type { SheetPickerProps } from './types'

export type { SheetPickerProps } from './types'

/** weapp: a file from a WeChat chat (where units send their sheets), read whole as an ArrayBuffer. */
export default function SheetPicker({ onPicked, onError, disabled, label, className }: SheetPickerProps) {
  const choose = async () => {
    let picked: { path: string; name: string }
    try {
      const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })
      picked = res.tempFiles[0]
      if (!picked) return
    } catch (err) {
      // Cancelled: nothing to do; refused in WeChat's privacy popup: say so.
      const why = privacyProblem(err)
      if (why) onError(why)
      return
    }
    Taro.getFileSystemManager().readFile({
      filePath: picked.path,
      success: (res) => onPicked({ name: picked.name, bytes: new Uint8Array(res.data as ArrayBuffer) }),
      fail: (e) => onError(`文件读取失败：${e.errMsg}`),
    })
  }
  return (
    <Button className={cx('btn btn-primary', className)} disabled={disabled || undefined} onClick={choose}>
      {label}
    </Button>
  )
}

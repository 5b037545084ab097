import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { MAX_CLAIM_PHOTOS } from '@/core/contracts'
import './index.scss'
import { cx } from '@/utils/cx'
import { a11y } from '@/utils/a11y'

export interface PhotoPickerProps {
  /** Local paths from chooseImage (uploaded by the page on submit). */
  photos: string[]
  onChange: (photos: string[]) => void
  max?: number
  /** Prefix of the test hooks: `<hook>-photo`, `<hook>-photo-remove`, `<hook>-photo-add`. */
  hook: string
}

/** Up to `max` photos, taken or picked from the album: thumbnails that enlarge, each with ×, and a ＋ tile. */
export default function PhotoPicker({ photos, onChange, max = MAX_CLAIM_PHOTOS, hook }: PhotoPickerProps) {
  const choose = async () => {
    try {
      const r = await Taro.chooseImage({ count: max - photos.length, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      onChange([...photos, ...r.tempFilePaths].slice(0, max))
    } catch {
      // Cancelled: nothing to do.
    }
  }
  return (
    <View className='photo-picker'>
      {photos.map((p, i) => (
        <View className={cx('photo-picker__photo', `${hook}-photo`)} key={p}>
          <Image className='photo-picker__img' src={p} mode='aspectFill' onClick={() => Taro.previewImage({ current: p, urls: photos })} />
          <View
            {...a11y('button', { label: `删除第 ${i + 1} 张照片` })}
            className={cx('photo-picker__remove', `${hook}-photo-remove`)}
            onClick={() => onChange(photos.filter((_, k) => k !== i))}
          >
            <Text>×</Text>
          </View>
        </View>
      ))}
      {photos.length < max ? (
        <View {...a11y('button', { label: '添加照片：拍照或从相册选图' })} className={cx('photo-picker__add', `${hook}-photo-add`)} onClick={choose}>
          <Text className='photo-picker__plus'>＋</Text>
          <Text className='muted'>拍照或选图</Text>
        </View>
      ) : null}
    </View>
  )
}

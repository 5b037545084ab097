import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { MAX_CLAIM_PHOTOS } from '@/core/contracts'
import { showInfo } from '@/services/feedback'
import { privacyProblem } from '@/services/privacy'
import './index.scss'
import { cx } from '@/utils/cx'
import { a11y } from '@/utils/a11y'

export interface PhotoPickerProps {
  /** Local paths from chooseMedia (uploaded by the page on submit). */
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
      // chooseMedia, not the deprecated chooseImage: photos only, compressed, from the camera or the album.
      const r = await Taro.chooseMedia({
        count: max - photos.length,
        mediaType: ['image'],
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      })
      onChange([...photos, ...r.tempFiles.map((f) => f.tempFilePath)].slice(0, max))
    } catch (err) {
      // Cancelled: nothing to do. Refused in WeChat's privacy popup: say why nothing was added.
      const why = privacyProblem(err)
      if (why) showInfo(why)
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

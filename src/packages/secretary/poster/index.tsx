import { useEffect, useMemo, useState } from 'react'
import { Button, Canvas, Image, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import ErrorView from '@/components/ErrorView'
import Skeleton from '@/components/Skeleton'
import { useAction, useBusy } from '@/hooks'
import { type ActionError, toActionError } from '@/services/errors'
import { showSuccess } from '@/services/feedback'
import { cx, hook } from '@/utils/cx'
import { rangeText } from '@/utils/format'
import { a4Height, type PosterInfo } from './layout'
import { posterCanvas } from './poster-canvas'
import './index.scss'

/**
 * 签到海报: the activity's printed check-in sheet (docs/DESIGN.md#check-in-layers) — title, time, place, estate, the
 * static 小程序码, "微信扫码签到" and the 6-digit fallback — drawn on a canvas at A4 proportions, previewed here and
 * saved to the album (weapp) or downloaded as a PNG (H5).
 */
export default function PosterPage() {
  const router = useRouter()
  const activityId = router.params.activityId ?? null
  const activity = useAction('activity.get', activityId ? { activityId } : null, [activityId])
  const code = useAction('activity.staticCode', activityId ? { activityId } : null, [activityId])
  const [src, setSrc] = useState<string | null>(null)
  const [drawError, setDrawError] = useState<ActionError | null>(null)
  const save = useBusy()

  const info = useMemo<PosterInfo | null>(() => {
    const a = activity.data
    const c = code.data
    if (!a || !c) return null
    return {
      title: a.title,
      timeText: rangeText(a.startAt, a.endAt),
      place: a.location?.address,
      estate: a.estateBranchName,
      windowText: `有效时段：${rangeText(c.validFrom, c.validUntil)}`,
    }
  }, [activity.data, code.data])

  const codeImage = code.data?.qrImage
  useEffect(() => {
    if (!info || !codeImage) return
    let live = true
    setDrawError(null)
    // The weapp's canvas node exists only once the page has rendered it.
    const t = setTimeout(() => {
      posterCanvas.render(info, codeImage).then(
        (s) => live && setSrc(s),
        (e) => live && setDrawError(toActionError(e)),
      )
    }, 50)
    return () => {
      live = false
      clearTimeout(t)
    }
  }, [info, codeImage])

  const failed = activity.error ?? code.error ?? drawError
  const filename = `签到海报-${(activity.data?.title ?? 'activity').replace(/[\\/:*?"<>|\s]/g, '_').slice(0, 40)}.png`

  return (
    <View className='page poster'>
      {posterCanvas.canvasId ? (
        // Off screen: the poster is drawn at print size, far larger than the phone's screen.
        <Canvas type='2d' id={posterCanvas.canvasId} className='poster__canvas' />
      ) : null}
      {activity.data ? (
        <View className='card poster__head'>
          <Text className={cx('poster__title', hook('poster-title'))}>{activity.data.title}</Text>
          <Text className='hint'>{rangeText(activity.data.startAt, activity.data.endAt)} · A4 签到海报</Text>
        </View>
      ) : null}
      {failed && !src ? (
        <ErrorView
          error={failed}
          onRetry={() => {
            setDrawError(null)
            void activity.reload()
            void code.reload()
          }}
        />
      ) : !src ? (
        <Skeleton cards={1} lines={8} />
      ) : (
        <>
          <View className='card poster__preview'>
            {/* A box of A4's proportions, the image fitted inside it (widthFix is capped by Taro's H5 image box). */}
            <View className='poster__sheet'>
              <Image className={cx('poster__image', hook('poster-image'))} src={src} mode='aspectFit' />
            </View>
          </View>
          <View className='card'>
            <Text className='hint'>
              海报按 A4 纸比例生成（{posterCanvas.width} × {a4Height(posterCanvas.width)}{' '}
              像素），打印后张贴在活动现场。扫海报上的码签到的记录，都要经您审核后才计分。
            </Text>
            <Button
              className={cx('btn btn-primary poster__save', hook('poster-save'))}
              disabled={save.busy || undefined}
              loading={save.busy || undefined}
              onClick={() =>
                void save.run(async () => {
                  if ((await posterCanvas.save(src, filename)) === 'saved') showSuccess(posterCanvas.canvasId ? '已保存到相册' : '已下载')
                })
              }
            >
              {posterCanvas.saveLabel}
            </Button>
          </View>
        </>
      )}
    </View>
  )
}

import type { ReactNode } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import AsyncView from '@/components/AsyncView'
import type { ActionState } from '@/hooks'
import type { ResultOf } from '@/services/api'
import { platform } from '@/services/platform'
import { cx, hook } from '@/utils/cx'
import { rangeText } from '@/utils/format'

/** The printable static 小程序码 for the notice board (scans with it always go to review). */
export default function StaticCode({
  head,
  staticCode,
  onPoster,
}: {
  head: ReactNode
  staticCode: ActionState<ResultOf<'activity.staticCode'>>
  onPoster: () => void
}) {
  return (
    <>
      <View className={cx('code__screen', hook('code-static'))}>
        {head}
        <AsyncView state={staticCode} skeleton={{ cards: 1, lines: 6 }}>
          {(d) => (
            <View className='code__body'>
              <Image className={cx('code__qr code__qr--static', hook('code-static-image'))} src={d.qrImage} mode='aspectFit' showMenuByLongpress />
              <Text className='code__static-label'>扫码签到</Text>
              <Text className={cx('code__static-window', hook('code-static-window'))}>有效时段：{rangeText(d.validFrom, d.validUntil)}</Text>
              <Text className={cx('code__static-note', hook('code-static-note'))}>仅在签到时段内有效，扫码签到需审核</Text>
            </View>
          )}
        </AsyncView>
      </View>
      {staticCode.data ? <StaticHelp print={platform.print} onPoster={onPoster} /> : null}
    </>
  )
}

/** Where there is no print (WeChat) the image is saved by a long press instead. */
function StaticHelp({ print, onPoster }: { print: (() => void) | null; onPoster: () => void }) {
  return (
    <View className='card code__static-help'>
      <Text className='hint'>
        {print
          ? '可打印本页或截图后张贴在活动现场。静态码不会变化，用它签到的记录都要经您审核后才计分。'
          : '长按图片可保存到相册，打印后张贴在活动现场。静态码不会变化，用它签到的记录都要经您审核后才计分。'}
      </Text>
      <Button className={cx('btn btn-primary', hook('code-static-poster'))} onClick={onPoster}>
        生成 A4 签到海报
      </Button>
      {print ? (
        <Button className={cx('btn btn-plain', hook('code-static-print'))} onClick={() => print()}>
          打印
        </Button>
      ) : null}
    </View>
  )
}

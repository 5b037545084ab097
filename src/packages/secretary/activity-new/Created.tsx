import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { cx, hook } from '@/utils/cx'
import { codeUrl } from '@/utils/routes'

/** After 发布: what members now see, the way to the check-in code, and 继续发布. */
export default function Created({ created, onAgain }: { created: { activityId: string; draft: boolean }; onAgain: () => void }) {
  return (
    <View className='page'>
      <View className={cx('card', hook('activity-created'))} style={{ textAlign: 'center' }}>
        <Text className='section-title' style={{ justifyContent: 'center' }}>
          {created.draft ? '活动已存为草稿' : '活动已发布'}
        </Text>
        <Text className='hint'>
          {created.draft ? '草稿不会出现在党员的活动列表里。' : '小区党员现在可以在“活动”中看到它；开始前 30 分钟开放签到。'}
        </Text>
        {!created.draft ? (
          <Button className={cx('btn btn-primary', hook('activity-show-code'))} onClick={() => Taro.redirectTo({ url: codeUrl(created.activityId) })}>
            显示签到码
          </Button>
        ) : null}
        <Button className={cx('btn btn-plain', hook('activity-new-again'))} onClick={onAgain}>
          继续发布
        </Button>
      </View>
    </View>
  )
}

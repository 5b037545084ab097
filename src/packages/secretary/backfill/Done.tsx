import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import FlagList from '@/components/FlagList'
import { cx, hook } from '@/utils/cx'
import { dateTimeText, rangeText } from '@/utils/format'
import { REVIEW_URL } from '@/utils/routes'
import type { BackfillDone } from './useBackfill'

/** The entered record as stored, waiting for review; says so when its times were cut to the activity's. */
export default function Done({ done, onAgain }: { done: BackfillDone; onAgain: () => void }) {
  const { result, memberName, activity: a, asked } = done
  const capped =
    Date.parse(result.checkinAt) !== Date.parse(asked.in) ||
    (!!asked.out && !!result.checkoutAt && Date.parse(result.checkoutAt) !== Date.parse(asked.out))
  return (
    <View className='page backfill'>
      <View className={cx('card backfill__result', hook('backfill-result'))}>
        <Text className='backfill__result-title'>已补录，待审核</Text>
        <Text className='backfill__result-line'>
          {memberName}
          {a ? ` · ${a.title}` : ''}
        </Text>
        <Text className='backfill__result-line'>签到：{dateTimeText(result.checkinAt)}</Text>
        {result.checkoutAt ? <Text className='backfill__result-line'>签退：{dateTimeText(result.checkoutAt)}</Text> : null}
        {capped ? (
          <Text className={cx('hint', hook('backfill-capped'))}>
            超出活动时段的部分已按活动时间{a ? `（${rangeText(a.startAt, a.endAt)}）` : ''}截取。
          </Text>
        ) : null}
        <FlagList flags={result.flags} lead='这条记录会出现在审核列表中：' />
        <Button className={cx('btn btn-primary', hook('backfill-go-review'))} onClick={() => Taro.redirectTo({ url: REVIEW_URL })}>
          去审核
        </Button>
        <Button className={cx('btn btn-plain', hook('backfill-again'))} onClick={onAgain}>
          继续补录
        </Button>
      </View>
    </View>
  )
}

import { Button, Text, View } from '@tarojs/components'
import { cx, hook } from '@/utils/cx'
import { signedPoints } from '@/utils/format'
import type { Done } from './useAdjustment'

/** What was recorded and where it is kept (the ledger, the audit log), and for a finalised year what that means. */
export default function DoneCard({ done, onAgain }: { done: Done; onAgain: () => void }) {
  return (
    <View className='page adjustment'>
      <View className={cx('card adjustment__done', hook('adjustment-done'))}>
        <Text className='section-title'>已记录审计调整</Text>
        <Text className={cx('adjustment__points', done.points < 0 && 'adjustment__points--neg', hook('adjustment-done-points'))}>
          {signedPoints(done.points)}
        </Text>
        <Text className={hook('adjustment-done-who')}>
          {done.name}（{done.memberId}）· {done.year} 年度
        </Text>
        <Text className={cx('hint', hook('adjustment-done-audit'))}>
          已留痕：调整流水 {done.entryId} 已写入审计日志（操作人、时间与理由），本人在“我的积分”流水中可见，不能删除或修改。
        </Text>
        {done.locked ? (
          <Text className={cx('hint', hook('adjustment-done-locked'))}>
            {done.year} 年度已定稿，本次调整即定稿后的更正，已计入该年度的积分、排名与导出；定稿时的核算结果作为签发快照保留。
          </Text>
        ) : null}
        <Button className={cx('btn btn-plain', hook('adjustment-again'))} onClick={onAgain}>
          继续调整
        </Button>
      </View>
    </View>
  )
}

import { Button, Input, Text, View } from '@tarojs/components'
import { cx, hook } from '@/utils/cx'
import type { Review } from './useReview'

/** Under the list: approve / reject the pending, revoke the approved (each with its reason); nothing for the rest. */
export default function ActionBar({ r }: { r: Pick<Review, 'tab' | 'reason' | 'setReason' | 'busy' | 'sel' | 'decide' | 'revoke'> }) {
  const count = r.sel.selected.length
  if (r.tab === 'pending')
    return (
      <View className='review__actions card'>
        <Input
          className={cx('field-input', hook('review-reason'))}
          value={r.reason}
          maxlength={200}
          placeholder='驳回理由（驳回时必填）'
          onInput={(e) => r.setReason(e.detail.value)}
        />
        <View className='btn-row'>
          <Button className={cx('btn btn-primary', hook('review-approve'))} disabled={r.busy || undefined} onClick={() => r.decide('approve')}>
            通过（{count}）
          </Button>
          <Button className={cx('btn btn-plain', hook('review-reject'))} disabled={r.busy || undefined} onClick={() => r.decide('reject')}>
            驳回
          </Button>
        </View>
      </View>
    )
  if (r.tab === 'approved')
    return (
      <View className='review__actions card'>
        <Input
          className={cx('field-input', hook('review-revoke-reason'))}
          value={r.reason}
          maxlength={200}
          placeholder='撤销理由（必填），如：核实未参加'
          onInput={(e) => r.setReason(e.detail.value)}
        />
        <Button className={cx('btn btn-plain', hook('review-revoke'))} disabled={r.busy || undefined} onClick={r.revoke}>
          撤销（{count}）
        </Button>
        <Text className='hint review__revoke-hint'>撤销会追加一条冲正流水扣回积分，原记录和流水都保留。</Text>
      </View>
    )
  return null
}

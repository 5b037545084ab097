import { Button, Text, View } from '@tarojs/components'
import ErrorView from '@/components/ErrorView'
import ScopeGate from '@/components/ScopeGate'
import ScopeBar from '@/components/ScopeBar'
import Skeleton from '@/components/Skeleton'
import { signedPoints } from '@/utils/format'
import { cx, hook } from '@/utils/cx'
import { useDeduction } from './useDeduction'
import FormCard from './FormCard'
import './index.scss'

/** 负面清单: a deduction under the estate's adopted rule set, always with a reason, optionally with evidence. */
export default function Deduction() {
  const d = useDeduction()
  const { scope, members, ruleset, done, setDone } = d

  return (
    <ScopeGate scope={scope} empty={{ title: '仅小区党支部书记可用', hint: '扣分由小区党支部书记按负面清单记录。' }}>
      {() =>
        done ? (
          <View className='page'>
            <View className={cx('card', hook('deduction-done'))} style={{ textAlign: 'center' }}>
              <Text className='section-title' style={{ justifyContent: 'center' }}>
                已记录扣分
              </Text>
              <Text className='deduction__done-points'>{signedPoints(done.points)}</Text>
              <Text className='hint'>
                {done.name} · {done.item}。已记入积分流水，本人在“我的积分”中可见，公示期内可申诉。
              </Text>
              <Button className={cx('btn btn-plain', hook('deduction-again'))} onClick={() => setDone(null)}>
                继续记录
              </Button>
            </View>
          </View>
        ) : (
          <View className='page deduction'>
            <ScopeBar label='小区党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
            <View className='notice'>仅按本小区现行积分明细中的负面清单扣分，须写明理由，留痕可查。</View>
            {members.error && !members.data ? (
              <ErrorView error={members.error} onRetry={members.reload} />
            ) : ruleset.error && !ruleset.data ? (
              <ErrorView error={ruleset.error} onRetry={ruleset.reload} />
            ) : !members.data || !ruleset.data ? (
              <Skeleton cards={2} />
            ) : (
              <FormCard d={d} />
            )}
          </View>
        )
      }
    </ScopeGate>
  )
}

import { Text, View } from '@tarojs/components'
import ErrorView from '@/components/ErrorView'
import ScopeGate from '@/components/ScopeGate'
import ScopeBar from '@/components/ScopeBar'
import Skeleton from '@/components/Skeleton'
import Done from './Done'
import FormCard from './FormCard'
import { useBackfill } from './useBackfill'
import './index.scss'

/** 补录: the secretary enters a check-in a member could not make themselves; it goes to review flagged 书记补录. */
export default function Backfill() {
  const b = useBackfill()
  const { scope, activities, members } = b

  // Two lists feed the form: the placeholder until both are in, then the first one that failed.
  return (
    <ScopeGate scope={scope} empty={{ title: '仅小区党支部书记可补录', hint: '如需开通，请联系社区党总支。' }}>
      {() =>
        b.done ? (
          <Done done={b.done} onAgain={b.again} />
        ) : (
          <View className='page backfill'>
            <ScopeBar label='小区党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
            <View className='notice backfill__intro'>
              <Text>为因手机没电、不会操作等原因未能签到的党员补录。补录记录需审核，时长不超过活动时长。</Text>
            </View>
            {(activities.loading && !activities.data) || (members.loading && !members.data) ? (
              <Skeleton cards={2} lines={4} />
            ) : activities.error && !activities.data ? (
              <ErrorView error={activities.error} onRetry={activities.reload} />
            ) : members.error && !members.data ? (
              <ErrorView error={members.error} onRetry={members.reload} />
            ) : (
              <FormCard b={b} />
            )}
          </View>
        )
      }
    </ScopeGate>
  )
}

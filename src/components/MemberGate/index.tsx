import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import type { MeData } from '@/core/api-types'
import type { ActionError } from '@/services/errors'
import { REGISTER_URL } from '@/utils/routes'
import EmptyState from '../EmptyState'
import ErrorView from '../ErrorView'
import Skeleton from '../Skeleton'
import { hook } from '@/utils/cx'

export interface MemberGateProps {
  me: MeData | undefined
  loading: boolean
  error: ActionError | null
  onRetry: () => void
  /** Rendered only for an active (registered and approved) member. */
  children: ReactNode
}

/** Pages for members first make sure the user is signed in, has done 双报到, and has been approved. */
export default function MemberGate({ me, loading, error, onRetry, children }: MemberGateProps) {
  if (error) return <ErrorView error={error} onRetry={onRetry} />
  if (loading || !me) return <Skeleton />
  const m = me.member
  if (!m || m.status === 'directory') {
    return (
      <EmptyState
        className={hook('need-register', 'home-register-prompt')}
        title='您还没有双报到'
        hint='在职党员需向居住地小区党支部报到。填写姓名、手机号、单位党支部和小区党支部即可。'
        actionText='去双报到'
        onAction={() => Taro.navigateTo({ url: REGISTER_URL })}
      />
    )
  }
  if (m.status === 'pending') {
    return (
      <EmptyState
        className={hook('need-approval')}
        title='报到待审核'
        hint={`您向${m.estateBranchName ?? '小区党支部'}的报到正在等待书记审核，通过后即可参加活动、累计积分。`}
        actionText='刷新'
        onAction={onRetry}
      />
    )
  }
  if (m.status === 'rejected') {
    return (
      <EmptyState
        className={hook('need-register')}
        title='报到未通过'
        hint='请核对信息后重新报到，或联系小区党支部书记。'
        actionText='重新报到'
        onAction={() => Taro.navigateTo({ url: REGISTER_URL })}
      />
    )
  }
  return <>{children}</>
}

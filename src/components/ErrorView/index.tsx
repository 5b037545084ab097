import Taro from '@tarojs/taro'
import type { ActionError } from '@/services/errors'
import { usesDevLogin } from '@/services/session'
import { DEV_LOGIN_URL } from '@/utils/routes'
import EmptyState from '../EmptyState'
import { hook } from '@/utils/cx'

export interface ErrorViewProps {
  error: ActionError
  onRetry?: () => void
}

/** A failed load, said plainly, with the one thing that helps: sign in, retry, or ask the secretary. */
export default function ErrorView({ error, onRetry }: ErrorViewProps) {
  if (error.code === 'UNAUTHENTICATED') {
    return usesDevLogin ? (
      <EmptyState
        className={hook('need-login')}
        title='请先登录'
        hint='本地体验版需要选择一个身份登录（正式版在微信中自动识别）。'
        actionText='去登录'
        onAction={() => Taro.navigateTo({ url: DEV_LOGIN_URL })}
      />
    ) : (
      <EmptyState title='登录已失效' hint='请关闭小程序后重新进入。' actionText='重试' onAction={onRetry} />
    )
  }
  if (error.code === 'FORBIDDEN') {
    return <EmptyState className={hook('error-view')} title='没有权限' hint={error.message || '此功能仅对相应的书记或管理员开放。'} />
  }
  return (
    <EmptyState
      className={hook('error-view')}
      title='加载失败'
      hint={error.message}
      actionText={onRetry ? '重新加载' : undefined}
      onAction={onRetry}
    />
  )
}

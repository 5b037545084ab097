import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROLE_LABEL } from '@/core/contracts'
import DevLogin from '@/components/DevLogin'
import ErrorView from '@/components/ErrorView'
import { PRIVACY_SUMMARY } from '@/components/PrivacyConsent'
import Skeleton from '@/components/Skeleton'
import type { NoticeView } from '@/core/api-types'
import { useAction, useMe, usePullRefresh, useReloadOnShow } from '@/hooks'
import { rowsOf } from '@/services/api'
import { dateTimeText } from '@/utils/format'
import { getDevOpenid, logout, usesDevLogin } from '@/services/session'
import { CLAIM_URL, DEV_LOGIN_URL, MOVE_URL, MY_ATTENDANCE_URL, REGISTER_URL, WORKBENCH_URL, activityUrl, hasWorkbench } from '@/utils/routes'
import './index.scss'

const MEMBER_STATUS: Record<string, string> = { active: '已报到', pending: '报到待审核', rejected: '报到未通过', directory: '未报到' }

export default function Mine() {
  const { me, loading, error, reload, isMember } = useMe()
  const notices = useAction('notice.mine', isMember ? {} : null, [isMember])
  usePullRefresh(reload, notices.reload)
  useReloadOnShow(notices.reload)

  if (error?.code === 'UNAUTHENTICATED' && usesDevLogin) {
    return (
      <View className='page mine'>
        <DevLogin />
      </View>
    )
  }

  const m = me?.member
  return (
    <View className='page mine'>
      {error ? (
        <ErrorView error={error} onRetry={reload} />
      ) : loading || !me ? (
        <Skeleton cards={2} />
      ) : (
        <View>
          <View className='card mine__profile'>
            <View className='mine__avatar'>
              <Text>{m?.name?.slice(0, 1) ?? '党'}</Text>
            </View>
            <View className='mine__who'>
              <Text className='mine__name mine-name'>{m?.name ?? '未报到'}</Text>
              <Text className='muted'>{m ? (MEMBER_STATUS[m.status] ?? m.status) : '完成双报到后可参加活动、累计积分'}</Text>
            </View>
          </View>

          {m ? (
            <View className='card mine__facts'>
              <View className='mine__fact'>
                <Text className='muted'>手机号</Text>
                <Text>{m.phone}</Text>
              </View>
              <View className='mine__fact'>
                <Text className='muted'>单位党支部</Text>
                <Text>{m.unitBranchName ?? m.unitBranchId}</Text>
              </View>
              <View className='mine__fact'>
                <Text className='muted'>小区党支部</Text>
                <Text>{m.estateBranchName ?? m.estateBranchId}</Text>
              </View>
            </View>
          ) : null}

          {isMember ? (
            <>
              <View className='section-title'>
                <Text>我的通知</Text>
                {rowsOf(notices.data).length ? <Text className='muted'>{rowsOf(notices.data).length} 条</Text> : null}
              </View>
              <Notices
                notices={rowsOf(notices.data)}
                loading={notices.loading && !notices.data}
                failed={!!notices.error && !notices.data}
                onRetry={notices.reload}
              />
              <View className='card mine__link mine-attendance-link' onClick={() => Taro.navigateTo({ url: MY_ATTENDANCE_URL })}>
                <Text>我的签到记录</Text>
                <Text className='link'>查看 ›</Text>
              </View>
              <View className='card mine__link mine-claim-link' onClick={() => Taro.navigateTo({ url: CLAIM_URL })}>
                <Text>自主申报</Text>
                <Text className='link'>申报 ›</Text>
              </View>
              <View className='card mine__link mine-move-link' onClick={() => Taro.navigateTo({ url: MOVE_URL })}>
                <Text>变更报到（搬家、调动）</Text>
                <Text className='link'>申请 ›</Text>
              </View>
            </>
          ) : null}

          {!m || m.status === 'rejected' || m.status === 'directory' ? (
            <View className='card mine__link mine-register-link' onClick={() => Taro.navigateTo({ url: REGISTER_URL })}>
              <Text>双报到</Text>
              <Text className='link'>去报到 ›</Text>
            </View>
          ) : null}

          {me.roles.length ? (
            <View className='card'>
              <Text className='mine__roles-title'>我的角色</Text>
              {me.roles.map((r) => (
                <View className='mine__role mine-role' key={`${r.role}-${r.scopeId}`}>
                  <Text>{ROLE_LABEL[r.role] ?? r.role}</Text>
                  <Text className='muted'>{r.scopeName ?? r.scopeId}</Text>
                </View>
              ))}
            </View>
          ) : null}

          {hasWorkbench(me) ? (
            <View className='card mine__link mine-workbench-link' onClick={() => Taro.navigateTo({ url: WORKBENCH_URL })}>
              <Text className='mine__workbench'>工作台</Text>
              <Text className='link'>进入 ›</Text>
            </View>
          ) : null}

          <View
            className='card mine__link'
            onClick={() => Taro.showModal({ title: '隐私保护指引', content: PRIVACY_SUMMARY, showCancel: false, confirmText: '知道了' })}
          >
            <Text>隐私保护指引</Text>
            <Text className='link'>查看 ›</Text>
          </View>

          {usesDevLogin ? (
            <View className='card mine__dev'>
              <Text className='muted'>本地体验身份：{getDevOpenid() ?? me.openid}</Text>
              <View className='btn-row'>
                <View className='btn btn-plain mine-switch-user' onClick={() => Taro.navigateTo({ url: DEV_LOGIN_URL })}>
                  切换身份
                </View>
                <View className='btn btn-gray mine-logout' onClick={logout}>
                  退出登录
                </View>
              </View>
            </View>
          ) : null}
        </View>
      )}
    </View>
  )
}

interface NoticesProps {
  notices: NoticeView[]
  loading: boolean
  failed: boolean
  onRetry: () => void
}

/** Messages for the member, newest first: so far, activities they signed up for that were cancelled. */
function Notices({ notices, loading, failed, onRetry }: NoticesProps) {
  if (loading) return <Skeleton cards={1} lines={2} />
  if (failed) {
    return (
      <View className='card mine__notices-empty' onClick={onRetry}>
        <Text className='hint'>通知加载失败，点此重试。</Text>
      </View>
    )
  }
  if (!notices.length) {
    return (
      <View className='card mine__notices-empty mine-notices-empty'>
        <Text className='mine__notices-empty-title'>暂无通知</Text>
        <Text className='hint'>您报名的活动如有取消或变动，会在这里告诉您。</Text>
      </View>
    )
  }
  return (
    <View className='card mine__notices mine-notices'>
      {notices.map((n) => (
        <View
          className='mine__notice mine-notice'
          key={n.id}
          onClick={() => {
            if (n.activityId) Taro.navigateTo({ url: activityUrl(n.activityId) })
          }}
        >
          <Text className='mine__notice-title mine-notice-title'>{n.title}</Text>
          <Text className='mine__notice-body mine-notice-body'>{n.body}</Text>
          <Text className='muted mine__notice-at'>{dateTimeText(n.at)}</Text>
        </View>
      ))}
    </View>
  )
}

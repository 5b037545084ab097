import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROLE_LABEL } from '@/core/contracts'
import DevLogin from '@/components/DevLogin'
import ErrorView from '@/components/ErrorView'
import { PRIVACY_SUMMARY } from '@/components/PrivacyConsent'
import Skeleton from '@/components/Skeleton'
import { useMe, usePullRefresh } from '@/hooks'
import { getDevOpenid, logout, usesDevLogin } from '@/services/session'
import { DEV_LOGIN_URL, REGISTER_URL, WORKBENCH_URL, hasWorkbench } from '@/utils/routes'
import './index.scss'

const MEMBER_STATUS: Record<string, string> = { active: '已报到', pending: '报到待审核', rejected: '报到未通过', directory: '未报到' }

export default function Mine() {
  const { me, loading, error, reload } = useMe()
  usePullRefresh(reload)

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
              <Text className='muted'>{m ? MEMBER_STATUS[m.status] ?? m.status : '完成双报到后可参加活动、累计积分'}</Text>
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

import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MeData } from '@/core/api-types'
import { ROLE_LABEL } from '@/core/contracts'
import DevLogin from '@/components/DevLogin'
import ErrorView from '@/components/ErrorView'
import { PRIVACY_SUMMARY } from '@/components/PrivacyConsent'
import Skeleton from '@/components/Skeleton'
import { useAction, useMe, usePullRefresh, useReloadOnShow } from '@/hooks'
import { getDevOpenid, logout, usesDevLogin } from '@/services/session'
import { cx, hook } from '@/utils/cx'
import {
  CLAIM_URL,
  DEV_LOGIN_URL,
  MOVE_URL,
  MY_ATTENDANCE_URL,
  MY_MESSAGES_URL,
  REGISTER_URL,
  WORKBENCH_URL,
  hasWorkbench,
  RF_PUBLICITY_URL,
  rfResultsUrl,
} from '@/utils/routes'
import Notices from './Notices'
import './index.scss'
import { a11y } from '@/utils/a11y'

const MEMBER_STATUS: Record<string, string> = { active: '已报到', pending: '报到待审核', rejected: '报到未通过', directory: '未报到' }

export default function Mine() {
  const { me, loading, error, reload, isMember } = useMe()
  // Members get notices (e.g. a cancelled activity); secretaries and admins too, as such (述职 reminders).
  const seesNotices = isMember || (me ? hasWorkbench(me) : false)
  const notices = useAction('notice.mine', seesNotices ? {} : null, [seesNotices])
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
          <Profile me={me} />
          {seesNotices ? (
            <>
              <View className='section-title'>
                <Text>我的通知</Text>
                {(notices.data ?? []).length ? <Text className='muted'>{(notices.data ?? []).length} 条</Text> : null}
              </View>
              <Notices
                notices={notices.data ?? []}
                loading={notices.loading && !notices.data}
                failed={!!notices.error && !notices.data}
                onRetry={notices.reload}
              />
            </>
          ) : null}
          {isMember ? (
            <>
              <Link hookName={hook('mine-attendance-link')} url={MY_ATTENDANCE_URL} title='我的签到记录' action='查看 ›' />
              <Link hookName={hook('mine-claim-link')} url={CLAIM_URL} title='自主申报' action='申报 ›' />
              <Link hookName={hook('mine-move-link')} url={MOVE_URL} title='变更报到（搬家、调动）' action='申请 ›' />
            </>
          ) : null}
          {!m || m.status === 'rejected' || m.status === 'directory' ? (
            <Link hookName={hook('mine-register-link')} url={REGISTER_URL} title='双报到' action='去报到 ›' />
          ) : null}
          <Link hookName={hook('mine-messages-link')} url={MY_MESSAGES_URL} title='我的消息（微信订阅消息）' action='查看 ›' />
          <Roles me={me} />
          {/* 红旗小区 (docs/DESIGN.md#red-flag-estates): the county-wide 公示 and every year's list, open to everyone signed in. */}
          <Link hookName={hook('mine-rf-publicity-link')} url={RF_PUBLICITY_URL} title='红旗小区公示' action='查看 ›' />
          <Link hookName={hook('mine-rf-results-link')} url={rfResultsUrl()} title='历年红旗小区' action='查看 ›' />
          <View
            {...a11y('button')}
            className='card mine__link'
            onClick={() => Taro.showModal({ title: '隐私保护指引', content: PRIVACY_SUMMARY, showCancel: false, confirmText: '知道了' })}
          >
            <Text>隐私保护指引</Text>
            <Text className='link'>查看 ›</Text>
          </View>
          {usesDevLogin ? <DevIdentity me={me} /> : null}
        </View>
      )}
    </View>
  )
}

/** Who the member is: name, registration status, phone and both branches. */
function Profile({ me }: { me: MeData }) {
  const m = me.member
  return (
    <>
      <View className='card mine__profile'>
        <View className='mine__avatar'>
          <Text>{m?.name?.slice(0, 1) ?? '党'}</Text>
        </View>
        <View className='mine__who'>
          <Text className={cx('mine__name', hook('mine-name'))}>{m?.name ?? '未报到'}</Text>
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
    </>
  )
}

/** One row that opens another page. */
function Link({ hookName, url, title, action }: { hookName: string; url: string; title: string; action: string }) {
  return (
    <View {...a11y('link')} className={cx('card mine__link', hookName)} onClick={() => Taro.navigateTo({ url })}>
      <Text>{title}</Text>
      <Text className='link'>{action}</Text>
    </View>
  )
}

/** The roles beyond member, and the way into the 工作台 for those who have one. */
function Roles({ me }: { me: MeData }) {
  return (
    <>
      {me.roles.length ? (
        <View className='card'>
          <Text className='mine__roles-title'>我的角色</Text>
          {me.roles.map((r) => (
            <View className={cx('mine__role', hook('mine-role'))} key={`${r.role}-${r.scopeId}`}>
              <Text>{ROLE_LABEL[r.role] ?? r.role}</Text>
              <Text className='muted'>{r.scopeName ?? r.scopeId}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {hasWorkbench(me) ? (
        <View
          {...a11y('link')}
          className={cx('card mine__link', hook('mine-workbench-link'))}
          onClick={() => Taro.navigateTo({ url: WORKBENCH_URL })}
        >
          <Text className='mine__workbench'>工作台</Text>
          <Text className='link'>进入 ›</Text>
        </View>
      ) : null}
    </>
  )
}

/** Local backend only: who is signed in, and switching or signing out. */
function DevIdentity({ me }: { me: MeData }) {
  return (
    <View className='card mine__dev'>
      <Text className='muted'>本地体验身份：{getDevOpenid() ?? me.openid}</Text>
      <View className='btn-row'>
        <View {...a11y('button')} className={cx('btn btn-plain', hook('mine-switch-user'))} onClick={() => Taro.navigateTo({ url: DEV_LOGIN_URL })}>
          切换身份
        </View>
        <View {...a11y('button')} className={cx('btn btn-gray', hook('mine-logout'))} onClick={logout}>
          退出登录
        </View>
      </View>
    </View>
  )
}

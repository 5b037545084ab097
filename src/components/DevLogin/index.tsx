import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { useBusy } from '@/hooks/useBusy'
import { showInfo, showSuccess } from '@/services/feedback'
import { devLogin, getDevOpenid, logout } from '@/services/session'
import { cx, hook } from '@/utils/cx'
import Field from '../Field'
import './index.scss'
import { a11y } from '@/utils/a11y'

/** Seeded demo identities of the local backend (any other openid is a new user who must register). */
export const DEMO_USERS: { openid: string; label: string }[] = [
  { openid: 'demo-member-1', label: '党员 1（小区 E1）' },
  { openid: 'demo-member-2', label: '党员 2（小区 E1）' },
  { openid: 'demo-member-3', label: '党员 3（小区 E1）' },
  { openid: 'demo-secretary-e1', label: '小区 E1 党支部书记' },
  { openid: 'demo-unitsec-ub1', label: '单位支部 UB1 书记' },
  { openid: 'demo-admin', label: '县委组织部管理员' },
]

export interface DevLoginProps {
  /** Called after a successful sign-in. */
  onDone?: (openid: string) => void
}

/** H5 only: stands in for WeChat's identity on the local backend. */
export default function DevLogin({ onDone }: DevLoginProps) {
  const [openid, setOpenid] = useState('')
  const { busy, run } = useBusy()
  const current = getDevOpenid()

  const login = async (id: string) => {
    if (!id.trim()) {
      showInfo('请输入 openid', 1500)
      return
    }
    await run(async () => {
      try {
        await devLogin(id)
        showSuccess('已登录')
        onDone?.(id.trim())
      } catch (err) {
        showInfo(err instanceof Error ? err.message : '登录失败', 3000)
      }
    })
  }

  return (
    <View className='dev-login card'>
      <Text className='dev-login__title'>本地体验登录</Text>
      <Text className='hint'>正式版在微信中自动识别身份。这里可选一个演示身份，或输入任意新 openid 体验双报到。</Text>
      {current ? (
        <View className='dev-login__current'>
          <Text>
            当前身份：<Text className={cx('dev-login__openid', hook('devlogin-current'))}>{current}</Text>
          </Text>
          <Text {...a11y('button')} className={cx('link', hook('devlogin-logout'))} onClick={logout}>
            退出
          </Text>
        </View>
      ) : null}
      <View className='dev-login__demos'>
        {DEMO_USERS.map((u) => (
          <View
            {...a11y('button', { disabled: busy })}
            key={u.openid}
            className={cx('dev-login__demo', hook('devlogin-demo', `devlogin-demo-${u.openid}`))}
            onClick={() => !busy && login(u.openid)}
          >
            <Text className='dev-login__demo-label'>{u.label}</Text>
            <Text className='dev-login__demo-id'>{u.openid}</Text>
          </View>
        ))}
      </View>
      <Field label='或输入 openid'>
        <Input
          className={cx('field-input', hook('devlogin-openid'))}
          value={openid}
          placeholder='例如 new-user-01'
          maxlength={64}
          onInput={(e) => setOpenid(e.detail.value)}
          onConfirm={() => login(openid)}
        />
      </Field>
      <Button className={cx('btn btn-primary', hook('devlogin-submit'))} disabled={busy || undefined} onClick={() => login(openid)}>
        {busy ? '登录中…' : '登录'}
      </Button>
    </View>
  )
}

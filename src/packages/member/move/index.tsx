import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MoveStatus } from '@/core/api-types'
import ErrorView from '@/components/ErrorView'
import MemberGate from '@/components/MemberGate'
import OptionPicker from '@/components/OptionPicker'
import Skeleton from '@/components/Skeleton'
import { useAction, useMe } from '@/hooks'
import { useBusy } from '@/hooks/useBusy'
import { callAction, rowsOf, type RequestOf } from '@/services/api'
import { dateTimeText } from '@/utils/format'
import './index.scss'

const STATUS_TEXT: Record<MoveStatus, string> = { pending: '待审核', approved: '已同意', rejected: '未同意', withdrawn: '已撤回' }

/**
 * 变更报到: a member who moved house or job asks to change estate and/or unit branch. The secretary of the estate
 * moved to decides; points earned so far stay with the branch they were earned in.
 */
export default function Move() {
  const { me, loading, error, reload, isMember } = useMe()
  const mine = useAction('member.myMove', isMember ? {} : null, [isMember])
  const orgs = useAction('org.list', isMember ? {} : null, [isMember])
  const [estate, setEstate] = useState<string | null>(null)
  const [unit, setUnit] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const { busy, run } = useBusy()

  const m = me?.member
  const all = rowsOf(orgs.data)
  const estates = all.filter((o) => o.kind === 'estate').map((o) => ({ value: o.id, label: o.name }))
  const units = all.filter((o) => o.kind === 'unitBranch').map((o) => ({ value: o.id, label: o.name }))
  const req = mine.data
  const pending = req?.status === 'pending'

  const submit = async () => {
    const body: RequestOf<'member.requestMove'> = { reason: reason.trim() }
    if (estate && estate !== m?.estateBranchId) body.estateBranchId = estate
    if (unit && unit !== m?.unitBranchId) body.unitBranchId = unit
    if (!body.estateBranchId && !body.unitBranchId) return void Taro.showToast({ title: '请选择新的小区或单位支部', icon: 'none' })
    if ([...body.reason].length < 2) return void Taro.showToast({ title: '请写明变更原因', icon: 'none' })
    await run(async () => {
      await callAction('member.requestMove', body)
      Taro.showToast({ title: '申请已提交', icon: 'success' })
      setReason('')
      await mine.reload()
    })
  }
  const withdraw = async () => {
    const { confirm } = await Taro.showModal({ title: '撤回申请', content: '撤回后可以重新申请。确定撤回吗？', confirmText: '撤回' })
    if (!confirm) return
    await run(async () => {
      await callAction('member.withdrawMove', {})
      await mine.reload()
    })
  }

  return (
    <View className='page move'>
      <MemberGate me={me} loading={loading} error={error} onRetry={reload}>
        <View className='card'>
          <Text className='section-title'>现在的报到</Text>
          <Text>小区党支部：{m?.estateBranchName ?? m?.estateBranchId}</Text>
          <Text>单位党支部：{m?.unitBranchName ?? m?.unitBranchId}</Text>
        </View>
        {mine.error && !mine.data ? (
          <ErrorView error={mine.error} onRetry={mine.reload} />
        ) : mine.data === undefined || !orgs.data ? (
          <Skeleton cards={1} />
        ) : (
          <View>
            {req ? (
              <View className={`card move__request move-request move-request--${req.status}`}>
                <View className='move__head'>
                  <Text className='section-title'>最近的申请</Text>
                  <Text className={`move__status move-status`}>{STATUS_TEXT[req.status]}</Text>
                </View>
                <Text>
                  变更为：{req.to.estateBranchName ?? req.to.estateBranchId} · {req.to.unitBranchName ?? req.to.unitBranchId}
                </Text>
                <Text className='muted'>
                  原因：{req.reason} · {dateTimeText(req.createdAt)}
                </Text>
                {req.answer ? <Text className='move__answer move-answer'>书记答复：{req.answer}</Text> : null}
                {pending ? (
                  <Button className='btn btn-plain move-withdraw' disabled={busy || undefined} onClick={withdraw}>
                    撤回申请
                  </Button>
                ) : null}
              </View>
            ) : null}
            {pending ? null : (
              <View className='card move-form'>
                <View className='notice'>
                  搬家或工作调动后在这里申请。由迁入小区的党支部书记审核（只换单位时由本小区书记审核），同意后立即生效；已得积分留在原支部。
                </View>
                <View className='field'>
                  <Text className='field-label'>新的小区党支部</Text>
                  <OptionPicker className='move-estate' options={estates} value={estate ?? m?.estateBranchId ?? null} onChange={setEstate} />
                </View>
                <View className='field'>
                  <Text className='field-label'>新的单位党支部</Text>
                  <OptionPicker className='move-unit' options={units} value={unit ?? m?.unitBranchId ?? null} onChange={setUnit} />
                </View>
                <View className='field'>
                  <Text className='field-label'>变更原因</Text>
                  <Textarea
                    className='field-textarea move-reason'
                    value={reason}
                    maxlength={200}
                    placeholder='如：已搬家到锦绣花园'
                    onInput={(e) => setReason(e.detail.value)}
                  />
                </View>
                <Button className='btn btn-primary move-submit' disabled={busy || undefined} loading={busy} onClick={submit}>
                  提交申请
                </Button>
              </View>
            )}
          </View>
        )}
      </MemberGate>
    </View>
  )
}

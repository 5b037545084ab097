import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MoveView, MoveStatus } from '@/core/api-types'
import AsyncView from '@/components/AsyncView'
import Field from '@/components/Field'
import MemberGate from '@/components/MemberGate'
import OptionPicker from '@/components/OptionPicker'
import Skeleton from '@/components/Skeleton'
import { useAction, useBusy, useMe } from '@/hooks'
import { callAction, type RequestOf } from '@/services/api'
import { showInfo, showSuccess } from '@/services/feedback'
import { cx, hook } from '@/utils/cx'
import { dateTimeText } from '@/utils/format'
import './index.scss'

const STATUS_TEXT: Record<MoveStatus, string> = { pending: '待审核', approved: '已同意', rejected: '未同意', withdrawn: '已撤回' }

type Option = { value: string; label: string }

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
  const all = orgs.data ?? []
  const estates = all.filter((o) => o.kind === 'estate').map((o) => ({ value: o.id, label: o.name }))
  const units = all.filter((o) => o.kind === 'unitBranch').map((o) => ({ value: o.id, label: o.name }))

  const submit = async () => {
    const body: RequestOf<'member.requestMove'> = { reason: reason.trim() }
    if (estate && estate !== m?.estateBranchId) body.estateBranchId = estate
    if (unit && unit !== m?.unitBranchId) body.unitBranchId = unit
    if (!body.estateBranchId && !body.unitBranchId) return void showInfo('请选择新的小区或单位支部', 1500)
    if ([...body.reason].length < 2) return void showInfo('请写明变更原因', 1500)
    await run(async () => {
      await callAction('member.requestMove', body)
      showSuccess('申请已提交')
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
        <AsyncView state={mine} skeleton={{ cards: 1 }}>
          {(req) =>
            // The form's pickers need the branches as well.
            !orgs.data ? (
              <Skeleton cards={1} />
            ) : (
              <View>
                {req ? <RequestCard req={req} busy={busy} onWithdraw={withdraw} /> : null}
                {req?.status === 'pending' ? null : (
                  <View className={cx('card', hook('move-form'))}>
                    <View className='notice'>
                      搬家或工作调动后在这里申请。由迁入小区的党支部书记审核（只换单位时由本小区书记审核），同意后立即生效；已得积分留在原支部。
                    </View>
                    <MoveFields
                      estates={estates}
                      units={units}
                      estate={estate ?? m?.estateBranchId ?? null}
                      unit={unit ?? m?.unitBranchId ?? null}
                      reason={reason}
                      {...{ setEstate, setUnit, setReason }}
                    />
                    <Button className={cx('btn btn-primary', hook('move-submit'))} disabled={busy || undefined} loading={busy} onClick={submit}>
                      提交申请
                    </Button>
                  </View>
                )}
              </View>
            )
          }
        </AsyncView>
      </MemberGate>
    </View>
  )
}

/** The latest request: where to, why, the secretary's answer; a pending one can be withdrawn. */
function RequestCard({ req, busy, onWithdraw }: { req: MoveView; busy: boolean; onWithdraw: () => void }) {
  return (
    <View className={cx('card move__request', hook('move-request', `move-request--${req.status}`))}>
      <View className='move__head'>
        <Text className='section-title'>最近的申请</Text>
        <Text className={cx('move__status', hook('move-status'))}>{STATUS_TEXT[req.status]}</Text>
      </View>
      <Text>
        变更为：{req.to.estateBranchName ?? req.to.estateBranchId} · {req.to.unitBranchName ?? req.to.unitBranchId}
      </Text>
      <Text className='muted'>
        原因：{req.reason} · {dateTimeText(req.createdAt)}
      </Text>
      {req.answer ? <Text className={cx('move__answer', hook('move-answer'))}>书记答复：{req.answer}</Text> : null}
      {req.status === 'pending' ? (
        <Button className={cx('btn btn-plain', hook('move-withdraw'))} disabled={busy || undefined} onClick={onWithdraw}>
          撤回申请
        </Button>
      ) : null}
    </View>
  )
}

interface MoveFieldsProps {
  estates: Option[]
  units: Option[]
  estate: string | null
  unit: string | null
  reason: string
  setEstate: (v: string) => void
  setUnit: (v: string) => void
  setReason: (v: string) => void
}

function MoveFields({ estates, units, estate, unit, reason, setEstate, setUnit, setReason }: MoveFieldsProps) {
  return (
    <>
      <Field label='新的小区党支部'>
        <OptionPicker className={hook('move-estate')} options={estates} value={estate} onChange={setEstate} />
      </Field>
      <Field label='新的单位党支部'>
        <OptionPicker className={hook('move-unit')} options={units} value={unit} onChange={setUnit} />
      </Field>
      <Field label='变更原因'>
        <Textarea
          className={cx('field-textarea', hook('move-reason'))}
          value={reason}
          maxlength={200}
          placeholder='如：已搬家到锦绣花园'
          onInput={(e) => setReason(e.detail.value)}
        />
      </Field>
    </>
  )
}

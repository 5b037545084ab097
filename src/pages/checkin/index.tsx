import { useEffect, useRef, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { CheckinResult } from '@/core/api-types'
import CheckBox from '@/components/CheckBox'
import FlagList from '@/components/FlagList'
import MemberGate from '@/components/MemberGate'
import OptionPicker from '@/components/OptionPicker'
import StatusBadge from '@/components/StatusBadge'
import { useAction, useCheckinQueue, useMe, useNow } from '@/hooks'
import { rowsOf } from '@/services/api'
import { clearQueueResults, flushCheckinQueue, submitCode, type CodeBody, type CodeKind, type QueueState } from '@/services/checkin-queue'
import { type ActionError, toActionError } from '@/services/errors'
import { currentLocation } from '@/services/location'
import { activityPhase, checkinOpen, dateTimeText, shanghaiDateTime } from '@/utils/format'
import { activityUrl } from '@/utils/routes'
import { outcomeHint, outcomeTitle, queueResultText } from './outcome'
import { codeFromScan, staticCodeFromScene } from './scene'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

type Outcome = { kind: CodeKind; result: CheckinResult } | { kind: CodeKind; queued: true } | { kind: CodeKind; error: ActionError }

export default function Checkin() {
  const router = useRouter()
  const { me, loading, error, reload, isMember } = useMe()
  const activities = useAction('activity.list', isMember ? {} : null, [isMember])
  const now = useNow(30_000)
  const [kind, setKind] = useState<CodeKind>(router.params.mode === 'checkout' ? 'activity.checkout' : 'activity.checkin')
  const [qrText, setQrText] = useState('')
  const [activityId, setActivityId] = useState<string | null>(router.params.activityId ?? null)
  const [shortCode, setShortCode] = useState('')
  const [withLocation, setWithLocation] = useState(isWeapp)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const sceneDone = useRef(false)
  const queue = useCheckinQueue()
  // Once the queued call has gone out, its answer is in 排队的签到 below; the headline no longer says it waits.
  const queuedNow = outcome !== null && 'queued' in outcome
  useEffect(() => {
    if (queuedNow && !queue.pending.length) setOutcome(null)
  }, [queuedNow, queue.pending.length])

  const open = rowsOf(activities.data).filter(
    (a) => checkinOpen(a, now) || (kind === 'activity.checkout' && activityPhase(a, now) !== 'upcoming' && a.requireCheckout),
  )
  useEffect(() => {
    if (!activityId && open.length === 1) setActivityId(open[0].id)
  }, [activityId, open])

  const send = async (body: CodeBody) => {
    if (busy) return
    setBusy(true)
    try {
      const location = withLocation ? await currentLocation() : undefined
      const outcomeNow = await submitCode(kind, location ? { ...body, location } : body)
      setOutcome(outcomeNow.queued ? { kind, queued: true } : { kind, result: outcomeNow.result })
      if (!outcomeNow.queued) {
        setShortCode('')
        setQrText('')
        void activities.reload()
      }
    } catch (err) {
      const e = toActionError(err)
      setOutcome({ kind, error: e })
      Taro.showToast({ title: e.message, icon: 'none', duration: 2500 })
    } finally {
      setBusy(false)
    }
  }

  // A printed 小程序码 opens this page with its scene; those check-ins always go to review on the server.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a scene is sent once, when the member is known; sceneDone guards a second run
  useEffect(() => {
    const scene = router.params.scene
    if (scene && isMember && !sceneDone.current) {
      sceneDone.current = true
      void send({ code: staticCodeFromScene(scene) })
    }
  }, [isMember])

  const scan = async () => {
    try {
      // The poster's round 小程序码 as well as the screen's QR code. 'wxCode' is a legal scanType in WeChat's
      // current documentation that Taro 4.2.1's types do not list yet.
      const scanType = ['qrCode', 'wxCode'] as unknown as (keyof Taro.scanCode.ScanType)[]
      const r = await Taro.scanCode({ onlyFromCamera: true, scanType })
      const code = codeFromScan(r)
      if (code) await send({ code })
    } catch {
      Taro.showToast({ title: '未能识别二维码，可改用下方的 6 位签到码', icon: 'none', duration: 2500 })
    }
  }

  const submitQr = () => {
    const code = qrText.trim()
    if (!code) {
      Taro.showToast({ title: '请先粘贴二维码内容', icon: 'none' })
      return
    }
    void send({ code })
  }

  const submitShort = () => {
    if (!activityId) {
      Taro.showToast({ title: '请选择活动', icon: 'none' })
      return
    }
    if (!/^\d{6}$/.test(shortCode)) {
      Taro.showToast({ title: '签到码是 6 位数字', icon: 'none' })
      return
    }
    void send({ activityId, shortCode })
  }

  const verb = kind === 'activity.checkin' ? '签到' : '签退'

  return (
    <View className='page checkin'>
      <MemberGate me={me} loading={loading} error={error} onRetry={reload}>
        <View className='checkin__modes'>
          <Text
            className={`checkin__mode checkin-mode-checkin ${kind === 'activity.checkin' ? 'checkin__mode--on' : ''}`}
            onClick={() => setKind('activity.checkin')}
          >
            签到
          </Text>
          <Text
            className={`checkin__mode checkin-mode-checkout ${kind === 'activity.checkout' ? 'checkin__mode--on' : ''}`}
            onClick={() => setKind('activity.checkout')}
          >
            签退
          </Text>
        </View>

        {outcome ? <OutcomeCard outcome={outcome} /> : null}
        <QueueCard queue={queue} />

        <View className='card'>
          {isWeapp ? (
            <Button className='btn btn-primary checkin__scan checkin-scan-button' disabled={busy || undefined} onClick={scan}>
              扫码{verb}
            </Button>
          ) : (
            <View className='checkin__paste'>
              <Text className='field-label'>粘贴二维码内容</Text>
              <Input
                className='field-input checkin-qr-input'
                value={qrText}
                placeholder='粘贴二维码内容'
                maxlength={200}
                onInput={(e) => setQrText(e.detail.value)}
                onConfirm={submitQr}
              />
              <Button className='btn btn-primary checkin-qr-submit' disabled={busy || undefined} onClick={submitQr}>
                提交{verb}
              </Button>
            </View>
          )}
          <Text className='hint checkin__hint'>扫描书记手机或大屏上的二维码；二维码约 30 秒更换一次。</Text>
        </View>

        <View className='card'>
          <Text className='checkin__section-title'>扫不了码？输入 6 位签到码</Text>
          <View className='field'>
            <Text className='field-label'>活动</Text>
            <OptionPicker
              className='checkin-activity-picker'
              options={(open.length ? open : rowsOf(activities.data).filter((a) => activityPhase(a, now) !== 'past')).map((a) => ({
                value: a.id,
                label: `${a.title}（${dateTimeText(a.startAt)}）`,
              }))}
              value={activityId}
              onChange={setActivityId}
              placeholder='选择正在进行的活动'
            />
          </View>
          <View className='field'>
            <Text className='field-label'>签到码</Text>
            <Input
              className='field-input checkin__short checkin-shortcode-input'
              type='number'
              value={shortCode}
              maxlength={6}
              placeholder='6 位数字'
              onInput={(e) => setShortCode(e.detail.value.replace(/\D/g, ''))}
              onConfirm={submitShort}
            />
          </View>
          <Button className='btn btn-plain checkin-shortcode-submit' disabled={busy || undefined} onClick={submitShort}>
            {busy ? '提交中…' : `提交${verb}`}
          </Button>
        </View>

        <View className='card checkin__location'>
          <CheckBox className='checkin-location' checked={withLocation} onChange={setWithLocation} label='附带我的位置（用于核对是否在活动地点）' />
          <Text className='hint'>不提供位置也能签到，只是需要书记审核后才计分。</Text>
        </View>
      </MemberGate>
    </View>
  )
}

/** Check-ins kept on this device for a weak network, and what the server later answered. */
function QueueCard({ queue }: { queue: QueueState }) {
  const { pending, results } = queue
  const [busy, setBusy] = useState(false)
  if (!pending.length && !results.length) return null
  const retry = async () => {
    setBusy(true)
    try {
      const answered = await flushCheckinQueue()
      if (!answered.length) Taro.showToast({ title: '仍未联网，稍后会自动再试', icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card checkin__queue checkin-queue'>
      <Text className='checkin__section-title'>排队的签到</Text>
      {pending.map((q) => (
        <View key={`${q.kind}-${q.at}`} className='checkin__queue-row checkin-queue-pending'>
          <Text className='checkin__queue-what'>
            {q.kind === 'activity.checkin' ? '签到' : '签退'} · {shanghaiDateTime(q.at).time} 扫码
          </Text>
          <Text className='checkin__queue-state'>已排队，联网后自动提交</Text>
        </View>
      ))}
      {results.map((r) => (
        <View
          key={`${r.kind}-${r.at}-${r.answeredAt}`}
          className={`checkin__queue-row checkin-queue-result checkin-queue-result--${r.ok ? 'ok' : 'failed'}`}
        >
          <Text className='checkin__queue-what'>
            {r.kind === 'activity.checkin' ? '签到' : '签退'} · {shanghaiDateTime(r.at).time} 扫码，{shanghaiDateTime(r.answeredAt).time} 提交
          </Text>
          <Text className={`checkin__queue-state ${r.ok ? '' : 'checkin__queue-state--failed'}`}>{queueResultText(r)}</Text>
          {r.ok && r.result.flags.length ? <FlagList flags={r.result.flags} lead='需要审核的原因：' /> : null}
        </View>
      ))}
      <View className='checkin__queue-actions'>
        {pending.length ? (
          <Button className='btn btn-plain checkin-queue-retry' disabled={busy || undefined} onClick={retry}>
            {busy ? '提交中…' : '立即重试'}
          </Button>
        ) : null}
        {results.length ? (
          <Button className='btn btn-plain checkin-queue-clear' onClick={clearQueueResults}>
            知道了
          </Button>
        ) : null}
      </View>
    </View>
  )
}

function OutcomeCard({ outcome }: { outcome: Outcome }) {
  if ('queued' in outcome) {
    return (
      <View className='card checkin__result checkin__result--queued checkin-result checkin-queued'>
        <Text className='checkin__result-title checkin-result-status'>已排队，联网后自动提交</Text>
        <Text className='hint'>
          网络不佳，{outcome.kind === 'activity.checkin' ? '签到' : '签退'}
          已保存在手机上，按扫码时的二维码时段判定；联网后自动提交，结果会显示在下方“排队的签到”。
        </Text>
      </View>
    )
  }
  if ('error' in outcome) {
    return (
      <View className='card checkin__result checkin__result--error checkin-result checkin-error'>
        <Text className='checkin__result-title checkin-result-status'>{outcome.kind === 'activity.checkin' ? '签到未成功' : '签退未成功'}</Text>
        <Text className='checkin__result-message checkin-error-message'>{outcome.error.message}</Text>
      </View>
    )
  }
  const r = outcome.result
  return (
    <View className={`card checkin__result checkin__result--${r.repeated ? 'repeated' : r.status} checkin-result`}>
      <Text className='checkin__result-title checkin-result-status'>{outcomeTitle(outcome.kind, r)}</Text>
      <Text className='checkin__result-activity'>{r.activityTitle}</Text>
      <View className='checkin__result-badge'>
        <StatusBadge status={r.status} />
      </View>
      <Text className='hint'>{outcomeHint(outcome.kind, r)}</Text>
      <FlagList className='checkin-result-flags' flags={r.flags} lead={r.status === 'pending' ? '需要审核的原因：' : undefined} />
      <Text className='link checkin__result-link checkin-result-detail' onClick={() => Taro.navigateTo({ url: activityUrl(r.activityId) })}>
        查看活动详情 ›
      </Text>
    </View>
  )
}

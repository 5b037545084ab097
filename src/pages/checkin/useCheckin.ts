import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import type { ActivityView, CheckinResult } from '@/core/api-types'
import { useAction, useBusy, useNow } from '@/hooks'
import { type CodeBody, type CodeKind, submitCode } from '@/services/checkin-queue'
import { type ActionError, toActionError } from '@/services/errors'
import { showInfo } from '@/services/feedback'
import { currentLocation } from '@/services/location'
import { platform } from '@/services/platform'
import { askFor } from '@/services/subscribe'
import { activityPhase, checkinOpen } from '@/utils/format'
import { codeFromScan, staticCodeFromScene } from './scene'

export type Outcome = { kind: CodeKind; result: CheckinResult } | { kind: CodeKind; queued: true } | { kind: CodeKind; error: ActionError }

/** The check-in form's state and its three ways in: a scanned code, a pasted one (H5) and the 6-digit code. */
export function useCheckin(isMember: boolean, queued: number) {
  const router = useRouter()
  const activities = useAction('activity.list', isMember ? {} : null, [isMember])
  const now = useNow(30_000)
  const [kind, setKind] = useState<CodeKind>(router.params.mode === 'checkout' ? 'activity.checkout' : 'activity.checkin')
  const [qrText, setQrText] = useState('')
  const [activityId, setActivityId] = useState<string | null>(router.params.activityId ?? null)
  const [shortCode, setShortCode] = useState('')
  const [withLocation, setWithLocation] = useState(platform.locationByDefault)
  const { busy, run } = useBusy()
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const sceneDone = useRef(false)
  // Once the queued call has gone out, its answer is in 排队的签到 below; the headline no longer says it waits.
  const queuedNow = outcome !== null && 'queued' in outcome
  useEffect(() => {
    if (queuedNow && !queued) setOutcome(null)
  }, [queuedNow, queued])

  const all = activities.data ?? []
  const open = all.filter((a) => checkinOpen(a, now) || (kind === 'activity.checkout' && activityPhase(a, now) !== 'upcoming' && a.requireCheckout))
  useEffect(() => {
    if (!activityId && open.length === 1) setActivityId(open[0].id)
  }, [activityId, open])
  // With none open right now, the picker still offers today's and the coming ones.
  const choices: ActivityView[] = open.length ? open : all.filter((a) => activityPhase(a, now) !== 'past')

  const send = async (body: CodeBody) => {
    if (busy) return
    await run(async () => {
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
        showInfo(e.message)
      }
    })
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
      showInfo('未能识别二维码，可改用下方的 6 位签到码')
    }
  }

  const submitQr = () => {
    const code = qrText.trim()
    if (!code) {
      showInfo('请先粘贴二维码内容', 1500)
      return
    }
    if (kind === 'activity.checkin') void askFor('checkin')
    void send({ code })
  }

  const submitShort = () => {
    if (!activityId) {
      showInfo('请选择活动', 1500)
      return
    }
    if (!/^\d{6}$/.test(shortCode)) {
      showInfo('签到码是 6 位数字', 1500)
      return
    }
    if (kind === 'activity.checkin') void askFor('checkin')
    void send({ activityId, shortCode })
  }

  return {
    kind,
    setKind,
    verb: kind === 'activity.checkin' ? '签到' : '签退',
    outcome,
    busy,
    choices,
    qr: { text: qrText, setText: setQrText, submit: submitQr, scan },
    short: { activityId, setActivityId, code: shortCode, setCode: setShortCode, submit: submitShort },
    location: { on: withLocation, set: setWithLocation },
  }
}

import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import EmptyState from '@/components/EmptyState'
import Field from '@/components/Field'
import PhotoPicker from '@/components/PhotoPicker'
import ScopeGate from '@/components/ScopeGate'
import Skeleton from '@/components/Skeleton'
import type { RfCampaignView } from '@/core/api-types'
import { RF_MAX_PHOTOS } from '@/core/redflag'
import { useAction, useScope } from '@/hooks'
import { useBusy } from '@/hooks/useBusy'
import { callAction, type ResultOf } from '@/services/api'
import { showSuccess } from '@/services/feedback'
import { askFor } from '@/services/subscribe'
import { uploadPhoto } from '@/services/upload-photo'
import { cx, hook } from '@/utils/cx'
import { campaignYear, isStoredPhoto, snapshotRows, statusText } from '../shared'
import '../index.scss'

/**
 * 申报 (estate secretary): a self-assessment per criterion and up to 9 photos, saved as a draft and submitted to the
 * community; the app freezes the estate's figures with each submission. A returned application is edited and
 * submitted again, every version kept.
 */
export default function Apply() {
  const scope = useScope('estate_secretary')
  const estateBranchId = scope.scopeId
  const year = campaignYear()
  const campaign = useAction('redflag.campaignGet', estateBranchId ? { year } : null, [estateBranchId])
  const app = useAction('redflag.get', estateBranchId ? { year, estateBranchId } : null, [estateBranchId])
  const c = campaign.data
  const a = app.data?.application
  return (
    <ScopeGate scope={scope} empty={{ title: '仅小区党支部书记可用', hint: '红旗小区由小区党支部申报。' }}>
      {(id) =>
        c === null ? (
          <EmptyState title={`${year} 年度红旗小区评选尚未开启`} hint='县委组织部开启评选后即可申报。' />
        ) : !c || app.data === undefined ? (
          <View className='page'>
            <Skeleton />
          </View>
        ) : (
          // Keyed by the stored version and state: the form starts from what was saved (a text field whose value
          // changes right after it is drawn trips Taro's H5 textarea), and starts again after each save.
          <ApplyForm
            key={`${a?.version ?? 0}-${a?.status ?? 'new'}-${a?.updatedAt ?? ''}`}
            estateBranchId={id}
            estateName={scope.scopeName}
            openid={scope.me?.openid ?? ''}
            year={year}
            campaign={c}
            data={app.data}
            onSaved={app.reload}
          />
        )
      }
    </ScopeGate>
  )
}

function ApplyForm(props: {
  estateBranchId: string
  estateName?: string
  openid: string
  year: number
  campaign: RfCampaignView
  data: ResultOf<'redflag.get'>
  onSaved: () => Promise<void>
}) {
  const { year, estateBranchId, campaign: c } = props
  const a = props.data?.application
  const [texts, setTexts] = useState<Record<string, string>>(() => a?.assessment ?? {})
  const [photos, setPhotos] = useState<string[]>(() => a?.photos ?? [])
  const { busy, run } = useBusy()
  const editable = !a || a.status === 'draft' || a.status === 'returned'
  const urls = props.data?.photoUrls ?? {}
  const idOf = new Map(Object.entries(urls).map(([id, url]) => [url, id]))

  const saveDraft = async () => {
    const ids: string[] = []
    for (const p of photos) ids.push(isStoredPhoto(p) ? p : await uploadPhoto(p, props.openid))
    await callAction('redflag.saveDraft', { year, estateBranchId, assessment: texts, photos: ids })
  }
  const save = () =>
    run(async () => {
      await saveDraft()
      showSuccess('草稿已保存')
      await props.onSaved()
    })
  const submit = () => {
    // Inside the tap, before any await (docs/DESIGN.md#reminders): each step's result and the 公示.
    void askFor('redflag')
    return run(async () => {
      const { confirm } = await Taro.showModal({
        title: '提交申报',
        content: '提交后由社区把关；提交时系统将计算并冻结本小区的报到率、参与率、活动、志愿时长、积分与满意率。确定提交吗？',
        confirmText: '提交',
        confirmColor: '#c8161d',
      })
      if (!confirm) return
      await saveDraft()
      await callAction('redflag.submit', { year, estateBranchId })
      showSuccess('已提交社区')
      await props.onSaved()
    })
  }

  return (
    <View className='page rf'>
      <View className='card'>
        <Text className='rf__title'>
          {props.estateName} · {year} 年度红旗小区申报
        </Text>
        <Text className={cx('rf__status', hook('rf-apply-status'))}>{a ? `${statusText(a)}（第 ${a.version} 版）` : '尚未填写'}</Text>
        {a?.returnedReason ? <Text className={cx('rf__returned', hook('rf-returned-reason'))}>社区退回：{a.returnedReason}</Text> : null}
        <Text className='hint'>申报截止：{c.deadline}</Text>
      </View>
      <View className='card'>
        <Text className='section-title'>按评选标准自评</Text>
        {c.criteria.map((k) => (
          <Field key={k.code} label={`${k.name}（${k.weight} 分）`}>
            <Textarea
              className={cx('field-textarea', hook(`rf-assess-${k.code}`))}
              value={texts[k.code] ?? ''}
              maxlength={1000}
              disabled={!editable}
              placeholder='写明做法与成效'
              onInput={(e) => setTexts({ ...texts, [k.code]: e.detail.value })}
            />
          </Field>
        ))}
        <Field label={`照片（最多 ${RF_MAX_PHOTOS} 张）`}>
          {/* Saved photos are shown through their temporary links; the ids are what the draft keeps. */}
          <PhotoPicker
            photos={photos.map((p) => urls[p] ?? p)}
            onChange={editable ? (shown) => setPhotos(shown.map((s) => idOf.get(s) ?? s)) : () => undefined}
            max={RF_MAX_PHOTOS}
            hook='rf-photos'
          />
        </Field>
        {editable ? (
          <View className='btn-row'>
            <Button className={cx('btn btn-plain', hook('rf-save'))} disabled={busy || undefined} onClick={save}>
              保存草稿
            </Button>
            <Button className={cx('btn btn-primary', hook('rf-submit'))} disabled={busy || undefined} loading={busy} onClick={submit}>
              提交到社区
            </Button>
          </View>
        ) : null}
      </View>
      {a?.snapshot ? (
        <View className='card'>
          <Text className='section-title'>提交时冻结的数据（第 {a.version} 版）</Text>
          {snapshotRows(a.snapshot).map(([k, v]) => (
            <View key={k} className={cx('rf__row', hook('rf-snapshot-row'))}>
              <Text>{k}</Text>
              <Text>{v}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {props.data && props.data.versions.length > 1 ? (
        <View className='card'>
          <Text className='section-title'>历次提交</Text>
          {props.data.versions.map((v) => (
            <View key={v.version} className='rf__row'>
              <Text>第 {v.version} 版</Text>
              <Text>{v.returnedReason ? `退回：${v.returnedReason}` : '当前版本'}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

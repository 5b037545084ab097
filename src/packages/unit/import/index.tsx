import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { UnitScorePreview } from '@/core/api-types'
import type { ScoreCandidate } from '@/core/unit-score-table'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import ScopeBar from '@/components/ScopeBar'
import Skeleton from '@/components/Skeleton'
import YearSwitch from '@/components/YearSwitch'
import { useScope } from '@/hooks'
import { callAction } from '@/services/api'
import { showError } from '@/services/feedback'
import { currentYear, parseScore, score2 } from '@/utils/format'
import SheetPicker from './SheetPicker'
import { importBatches, readScoreSheet, type PickedFile } from './sheet'
import './index.scss'

const MAX_ROWS = 2000

interface Loaded {
  fileName: string
  candidates: ScoreCandidate[]
  errors: string[]
}

/**
 * 单位积分导入: the unit's own sheet (.xlsx or .csv) is read on the phone, previewed by the server against the
 * branch's members, and only the rows that matched are saved — after the secretary has seen the problems.
 */
export default function UnitImport() {
  const scope = useScope('unit_secretary')
  const unitBranchId = scope.scopeId
  const [year, setYear] = useState(currentYear)
  const [scaleText, setScaleText] = useState('100')
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [preview, setPreview] = useState<UnitScorePreview | null>(null)
  const [stale, setStale] = useState(false)
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null)
  const [done, setDone] = useState<{ imported: number; created: number; updated: number } | null>(null)

  const scale = parseScore(scaleText)

  const runPreview = async (l: Loaded, y = year) => {
    if (!unitBranchId) return
    if (scale === null || scale <= 0) {
      Taro.showToast({ title: '单位满分需为正数，最多两位小数', icon: 'none' })
      return
    }
    setBusy('preview')
    setPreview(null)
    try {
      setPreview(await callAction('unitScore.preview', { unitBranchId, year: y, fullScale: scale, rows: l.candidates }))
      setStale(false)
    } catch (err) {
      showError(err)
    } finally {
      setBusy(null)
    }
  }

  const onPicked = async (file: PickedFile) => {
    setDone(null)
    setPreview(null)
    const parsed = readScoreSheet(file)
    const errors = [...parsed.errors]
    if (parsed.candidates.length > MAX_ROWS) errors.push(`一次最多导入 ${MAX_ROWS} 行，请把表格分成几份`)
    const l: Loaded = { fileName: file.name, candidates: parsed.candidates, errors }
    setLoaded(l)
    if (!errors.length) await runPreview(l)
  }

  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v)
      if (preview) setStale(true)
    }

  const confirmImport = async () => {
    if (!unitBranchId || !preview || !preview.matched.length) return
    const overwrite = preview.matched.filter((m) => m.previous !== null && Math.round(m.previous * 100) !== Math.round(m.unitScore * 100)).length
    const parts = [`将导入 ${preview.matched.length} 人的单位积分。`]
    if (overwrite) parts.push(`其中 ${overwrite} 人会覆盖原有积分。`)
    if (preview.problems.length) parts.push(`有问题的 ${preview.problems.length} 行不会导入，可改正后再导入。`)
    const { confirm } = await Taro.showModal({ title: '确认导入', content: parts.join(''), confirmText: '确认导入' })
    if (!confirm) return
    setBusy('import')
    const total = { imported: 0, created: 0, updated: 0 }
    try {
      for (const batch of importBatches(preview.matched)) {
        const r = await callAction('unitScore.import', { unitBranchId, year, fullScale: batch.fullScale, scores: batch.scores })
        total.imported += r.imported ?? batch.scores.length
        total.created += r.created ?? 0
        total.updated += r.updated ?? 0
      }
      setDone(total)
      setPreview(null)
      setLoaded(null)
      Taro.showToast({ title: `已导入 ${total.imported} 人`, icon: 'success' })
    } catch (err) {
      if (total.imported) setDone(total)
      showError(err)
    } finally {
      setBusy(null)
    }
  }

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  if (scope.loading) return <View className='page'>{<Skeleton />}</View>
  if (!unitBranchId) return <View className='page'>{<EmptyState title='仅单位党支部书记可用' hint='单位积分由单位党支部书记录入或导入。' />}</View>

  return (
    <View className='page unit-import'>
      <ScopeBar label='单位党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <YearSwitch year={year} onChange={changed(setYear)} />
      <View className='card'>
        <Text className='unit-import__title'>从表格导入</Text>
        <Text className='hint unit-import__how'>
          用本单位原有的积分表即可（.xlsx 或 .csv）。第一行写表头：姓名、手机号（或党员编号）、积分，可选“满分”列。系统先预览匹配结果，确认后才保存。
        </Text>
        <View className='unit-import__scale'>
          <Text className='unit-import__scale-label'>单位满分（表中无“满分”列时）</Text>
          <Input
            className='field-input unit-import__scale-input import-scale'
            type='digit'
            value={scaleText}
            maxlength={8}
            onInput={(e) => changed(setScaleText)(e.detail.value)}
          />
        </View>
        <SheetPicker
          className='import-pick'
          label={loaded ? '重新选择文件' : '选择文件（.xlsx / .csv）'}
          disabled={busy !== null}
          onPicked={(f) => void onPicked(f)}
          onError={(m) => Taro.showToast({ title: m, icon: 'none', duration: 2500 })}
        />
        {loaded ? <Text className='muted unit-import__file import-file'>已选：{loaded.fileName}</Text> : null}
      </View>

      {done ? (
        <View className='card unit-import__done import-done'>
          <Text className='unit-import__title'>导入完成</Text>
          <Text>
            已保存 {done.imported} 人的单位积分（新录入 {done.created}，更新 {done.updated}）。
          </Text>
          <Button className='btn btn-plain import-view-scores' onClick={() => Taro.redirectTo({ url: '/packages/unit/scores/index' })}>
            查看单位积分
          </Button>
        </View>
      ) : null}

      {loaded?.errors.length ? (
        <View className='card unit-import__bad import-file-errors'>
          <Text className='unit-import__bad-title'>这个文件无法导入</Text>
          {loaded.errors.map((e) => (
            <Text className='unit-import__bad-line' key={e}>
              {e}
            </Text>
          ))}
        </View>
      ) : null}

      {busy === 'preview' ? <Skeleton cards={2} /> : null}
      {loaded && stale ? (
        <View className='notice import-stale'>
          年度或满分已改动，请重新预览。
          <Button className='btn btn-plain import-repreview' onClick={() => runPreview(loaded)}>
            重新预览
          </Button>
        </View>
      ) : null}
      {preview && !stale ? <PreviewView preview={preview} busy={busy === 'import'} onConfirm={confirmImport} /> : null}
    </View>
  )
}

function PreviewView({ preview, busy, onConfirm }: { preview: UnitScorePreview; busy: boolean; onConfirm: () => void }) {
  const { matched, problems, unscored } = preview
  return (
    <View className='import-preview'>
      <View className='unit-import__stats import-summary'>
        <View className='unit-import__stat'>
          <Text className='unit-import__stat-num import-matched-count'>{matched.length}</Text>
          <Text className='muted'>可导入</Text>
        </View>
        <View className={`unit-import__stat ${problems.length ? 'unit-import__stat--bad' : ''}`}>
          <Text className='unit-import__stat-num import-problem-count'>{problems.length}</Text>
          <Text className='muted'>有问题</Text>
        </View>
        <View className='unit-import__stat'>
          <Text className='unit-import__stat-num import-unscored-count'>{unscored.length}</Text>
          <Text className='muted'>仍未录入</Text>
        </View>
      </View>

      {problems.length ? (
        <View className='card unit-import__bad import-problems'>
          <Text className='unit-import__bad-title'>以下 {problems.length} 行有问题，不会导入</Text>
          {problems.map((p) => (
            <View className='unit-import__problem import-problem' key={`${p.line}-${p.reason}`}>
              <Text className='unit-import__line'>第 {p.line} 行</Text>
              <View className='unit-import__problem-main'>
                <Text className='unit-import__who'>{[p.name, p.phone, p.memberId].filter(Boolean).join(' · ') || '（无姓名）'}</Text>
                <Text className='unit-import__reason import-problem-reason'>{p.reason}</Text>
              </View>
            </View>
          ))}
          <Text className='hint'>改正表格后重新选择文件即可；已匹配的行也可以先导入。</Text>
        </View>
      ) : null}

      <View className='card import-matched'>
        <Text className='unit-import__title'>匹配成功 {matched.length} 人</Text>
        {matched.length === 0 ? (
          <Text className='hint'>没有可以导入的行：请核对姓名、手机号是否与本支部名册一致。</Text>
        ) : (
          matched.map((m) => {
            const changes = m.previous !== null && Math.round(m.previous * 100) !== Math.round(m.unitScore * 100)
            return (
              <View className='unit-import__row import-row' key={m.memberId}>
                <View className='unit-import__row-main'>
                  <Text className='unit-import__name'>{m.name}</Text>
                  <Text className='muted'>
                    第 {m.line} 行 · {score2(m.raw)} / {score2(m.fullScale)}
                  </Text>
                </View>
                <View className='unit-import__row-side'>
                  <Text className='unit-import__score'>{score2(m.unitScore)}</Text>
                  <Text className={`unit-import__prev ${changes ? 'unit-import__prev--changed' : ''}`}>
                    {m.previous === null ? '新录入' : changes ? `原 ${score2(m.previous)}` : '与原值相同'}
                  </Text>
                </View>
              </View>
            )
          })
        )}
      </View>

      {unscored.length ? (
        <View className='card import-unscored'>
          <Text className='unit-import__title'>仍未录入单位积分 {unscored.length} 人</Text>
          <Text className='hint'>表中没有、此前也没有录入。他们的年度总分会显示为“未完成”。</Text>
          <View className='unit-import__names'>
            {unscored.map((u) => (
              <Text className='unit-import__chip import-unscored-name' key={u.memberId}>
                {u.name}
              </Text>
            ))}
          </View>
        </View>
      ) : null}

      <View className='unit-import__actions'>
        <Button className='btn btn-primary import-confirm' disabled={busy || matched.length === 0 || undefined} loading={busy} onClick={onConfirm}>
          确认导入 {matched.length} 人
        </Button>
      </View>
    </View>
  )
}

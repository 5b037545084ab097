import { Button, Text, View } from '@tarojs/components'
import { blankDraft, type Draft, draftFrom, templateLabel } from '@/components/RulesetEditor'
import EmptyState from '@/components/EmptyState'
import type { RuleSetView } from '@/core/api-types'
import type { RuleTemplateView } from '@/core/template'
import type { ActionError } from '@/services/errors'
import { cx, hook } from '@/utils/cx'
import { score2 } from '@/utils/format'
import AdoptForm from './AdoptForm'
import { Adoption, RulesetBody } from './RulesetBody'
import { a11y } from '@/utils/a11y'

/** The version in force, or the note that the year has none yet. */
export function CurrentVersion({ current, year, onDraft }: { current: RuleSetView | null; year: number; onDraft: (d: Draft) => void }) {
  if (!current)
    return (
      <EmptyState
        className={hook('ruleset-none')}
        title={`${year} 年度还没有通过的积分明细`}
        hint='可从县级模板起草，结合本小区实际修改后，提交小区党员大会通过。通过前不能发布计分活动。'
      />
    )
  return (
    <View className={cx('card ruleset__version', hook('ruleset-current'))}>
      <View className='ruleset__version-head'>
        <Text className='ruleset__version-title'>现行 · 第 {current.version} 版</Text>
        <Text className='ruleset__badge ruleset__badge--adopted'>已采用</Text>
      </View>
      <Adoption r={current} />
      <RulesetBody r={current} />
      <Text className='hint'>已采用的版本不能修改；如需调整，请起草新版本并再经党员大会通过。</Text>
      <Button
        className={cx('btn btn-primary', hook('ruleset-new-from-current'))}
        onClick={() => onDraft(draftFrom(current, `第 ${current.version} 版`))}
      >
        以此为基础起草新版本
      </Button>
    </View>
  )
}

interface TemplateState {
  data: RuleTemplateView | undefined
  error: ActionError | null
  reload: () => unknown
}

/** Start a draft from the county template (named with where it came from) or from nothing. */
export function DraftStarts({ tpl, onDraft }: { tpl: TemplateState; onDraft: (d: Draft) => void }) {
  return (
    <>
      <Button
        className={cx('btn btn-plain ruleset__template', hook('ruleset-new-from-template'))}
        disabled={!tpl.data || undefined}
        onClick={() => tpl.data && onDraft(draftFrom(tpl.data, templateLabel(tpl.data)))}
      >
        从县级模板起草
      </Button>
      {tpl.data ? (
        <Text className={cx('hint', hook('ruleset-template-source'))}>{templateLabel(tpl.data)}</Text>
      ) : tpl.error ? (
        <Text {...a11y('button', { label: '县级模板加载失败，重试' })} className={cx('hint', hook('ruleset-template-error'))} onClick={tpl.reload}>
          县级模板加载失败：{tpl.error.message}（点此重试）
        </Text>
      ) : null}
      <Button className={cx('btn btn-plain ruleset__template', hook('ruleset-new-blank'))} onClick={() => onDraft(blankDraft())}>
        从空白开始
      </Button>
    </>
  )
}

interface DraftListProps {
  drafts: RuleSetView[]
  current: RuleSetView | null
  adopting: string | null
  onAdopting: (id: string | null) => void
  onAdopted: () => Promise<void>
  onDraft: (d: Draft) => void
}

/** Drafts waiting for the 党员大会: each adopted (with the vote recorded) or edited further. */
export function DraftList({ drafts, current, adopting, onAdopting, onAdopted, onDraft }: DraftListProps) {
  if (!drafts.length) return null
  return (
    <View>
      <View className='section-title'>
        <Text>待党员大会通过的草稿</Text>
        <Text className='muted'>{drafts.length} 份</Text>
      </View>
      {drafts.map((d) => (
        <View key={d.id} className={cx('card ruleset__version', hook('ruleset-draft', `ruleset-draft-v${d.version}`))}>
          <View className='ruleset__version-head'>
            <Text className='ruleset__version-title'>第 {d.version} 版</Text>
            <Text className='ruleset__badge'>草稿</Text>
          </View>
          <RulesetBody r={d} compare={current} />
          {adopting === d.id ? (
            <AdoptForm
              r={d}
              onCancel={() => onAdopting(null)}
              onDone={async () => {
                onAdopting(null)
                await onAdopted()
              }}
            />
          ) : (
            <View className='btn-row'>
              <Button className={cx('btn btn-primary', hook('ruleset-adopt'))} onClick={() => onAdopting(d.id)}>
                党员大会已通过，采用
              </Button>
              <Button className={cx('btn btn-plain', hook('ruleset-edit-draft'))} onClick={() => onDraft(draftFrom(d, `第 ${d.version} 版草稿`))}>
                修改
              </Button>
            </View>
          )}
        </View>
      ))}
    </View>
  )
}

/** Versions adopted before the one in force; points earned under them keep their rules. */
export function HistoryList({ history }: { history: RuleSetView[] }) {
  if (!history.length) return null
  return (
    <View>
      <View className='section-title'>
        <Text>以往采用的版本</Text>
      </View>
      {history.map((h) => (
        <View key={h.id} className={cx('card ruleset__version', hook('ruleset-history'))}>
          <View className='ruleset__version-head'>
            <Text className='ruleset__version-title'>第 {h.version} 版</Text>
            <Text className='ruleset__badge'>已被取代</Text>
          </View>
          <Adoption r={h} />
          <Text className='hint'>
            {h.items.length} 条细则 · 基础分 {score2(h.baseScore)}。在此版本下获得的积分仍按此版本计算。
          </Text>
        </View>
      ))}
    </View>
  )
}

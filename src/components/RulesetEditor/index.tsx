import { Button, Input, Text, View } from '@tarojs/components'
import { cx, hook } from '@/utils/cx'
import { blankItem, categoriesOf, type Draft, type DraftItem } from './draft'
import ItemCard from './ItemCard'
import './index.scss'

export * from './draft'

export interface RulesetEditorProps {
  draft: Draft
  year: number
  onChange: (d: Draft) => void
  /** An estate's new version (adopted later by its 党员大会) or the county template (saved as is). */
  mode?: 'estate' | 'template'
}

/**
 * The 积分明细 editor shared by the estate secretary's drafts and the county template: terms, items, category caps.
 * It lives outside both subpackages because WeChat subpackages cannot import each other's code.
 */
export default function RulesetEditor({ draft, year, onChange, mode = 'estate' }: RulesetEditorProps) {
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch })
  const setItem = (key: string, patch: Partial<DraftItem>) => set({ items: draft.items.map((i) => (i.key === key ? { ...i, ...patch } : i)) })
  const remove = (key: string) => set({ items: draft.items.filter((i) => i.key !== key) })
  return (
    <View className={hook('ruleset-editor')}>
      {mode === 'template' ? (
        <View className={cx('notice', hook('ruleset-template-notice'))}>
          {year} 年度县级模板（现为{draft.from}）。保存后各小区党支部起草积分明细时以此为基础；已采用的积分明细不受影响。负分条目即负面清单。
        </View>
      ) : (
        <View className='notice'>
          新版本草稿（基于{draft.from}，{year} 年度）。保存后需经小区党员大会通过并“采用”才生效；负分条目即负面清单。
        </View>
      )}
      <Terms draft={draft} set={set} />

      <View className='section-title'>
        <Text>积分细则</Text>
        <Text className='muted'>{draft.items.length} 条</Text>
      </View>
      {draft.items.map((i, k) => (
        <ItemCard key={i.key} item={i} no={k + 1} onChange={(patch) => setItem(i.key, patch)} onRemove={() => remove(i.key)} />
      ))}
      <Button className={cx('btn btn-plain', hook('ruleset-add-item'))} onClick={() => set({ items: [...draft.items, blankItem()] })}>
        ＋ 添加一条细则
      </Button>

      <CategoryCaps draft={draft} set={set} />
    </View>
  )
}

interface PartProps {
  draft: Draft
  set: (patch: Partial<Draft>) => void
}

function Terms({ draft, set }: PartProps) {
  return (
    <View className='card'>
      <View className='ruleset__pair'>
        <View className='ruleset__cell'>
          <Text className='ruleset__label'>基础分</Text>
          <Input
            className={cx('field-input', hook('ruleset-base'))}
            type='digit'
            value={draft.baseScore}
            onInput={(e) => set({ baseScore: e.detail.value })}
          />
        </View>
        <View className='ruleset__cell'>
          <Text className='ruleset__label'>满分</Text>
          <Input
            className={cx('field-input', hook('ruleset-full'))}
            type='digit'
            value={draft.fullScore}
            onInput={(e) => set({ fullScore: e.detail.value })}
          />
        </View>
      </View>
      <View className='ruleset__cell'>
        <Text className='ruleset__label'>按小时计分的最低在场比例（%）</Text>
        <Input
          className={cx('field-input', hook('ruleset-presence'))}
          type='digit'
          value={draft.presencePct}
          onInput={(e) => set({ presencePct: e.detail.value })}
        />
      </View>
    </View>
  )
}

function CategoryCaps({ draft, set }: PartProps) {
  const cats = categoriesOf(draft)
  if (!cats.length) return null
  return (
    <View className='card ruleset__caps'>
      <Text className='ruleset__caps-title'>类别上限（不限则留空）</Text>
      {cats.map((c) => (
        <View className='ruleset__cap-row' key={c}>
          <Text className='ruleset__cap-name'>{c}</Text>
          <Input
            className={cx('field-input ruleset__cap-input', hook('ruleset-cap'))}
            type='digit'
            value={draft.categoryCaps[c] ?? ''}
            maxlength={6}
            placeholder='不限'
            onInput={(e) => set({ categoryCaps: { ...draft.categoryCaps, [c]: e.detail.value } })}
          />
        </View>
      ))}
    </View>
  )
}

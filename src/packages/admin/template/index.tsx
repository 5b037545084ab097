import { Button, View } from '@tarojs/components'
import ErrorView from '@/components/ErrorView'
import ScopeGate from '@/components/ScopeGate'
import RulesetEditor from '@/components/RulesetEditor'
import Skeleton from '@/components/Skeleton'
import YearSwitch from '@/components/YearSwitch'
import { cx, hook } from '@/utils/cx'
import { currentYear } from '@/utils/format'
import { useTemplateDraft } from './useTemplateDraft'

/** 积分明细模板: the county organisation department edits the template every estate drafts its 积分明细 from. */
export default function TemplateEditor() {
  const { scope, year, setYear, tpl, draft, setDraft, busy, save, reset } = useTemplateDraft()

  return (
    <ScopeGate scope={scope} empty={{ title: '仅县委组织部可用', hint: '积分明细模板由县委组织部维护，各小区党支部起草积分明细时以此为基础。' }}>
      {() => (
        <View className='page ruleset ruleset--template'>
          <YearSwitch year={year} onChange={setYear} max={currentYear() + 1} />
          {tpl.error && !tpl.data ? (
            <ErrorView error={tpl.error} onRetry={tpl.reload} />
          ) : !draft ? (
            // The editor follows the loaded template one render later (useTemplateDraft's effect).
            <Skeleton cards={3} />
          ) : (
            <View>
              <RulesetEditor draft={draft} year={year} onChange={setDraft} mode='template' />
              <View className='btn-row ruleset__actions'>
                <Button className={cx('btn btn-primary', hook('ruleset-save-template'))} disabled={busy || undefined} loading={busy} onClick={save}>
                  保存模板
                </Button>
                <Button className={cx('btn btn-gray', hook('ruleset-reset-template'))} disabled={busy || !tpl.data || undefined} onClick={reset}>
                  放弃修改
                </Button>
              </View>
            </View>
          )}
        </View>
      )}
    </ScopeGate>
  )
}

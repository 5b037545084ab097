import { Button, View } from '@tarojs/components'
import AsyncView from '@/components/AsyncView'
import ScopeGate from '@/components/ScopeGate'
import RulesetEditor from '@/components/RulesetEditor'
import ScopeBar from '@/components/ScopeBar'
import YearSwitch from '@/components/YearSwitch'
import { cx, hook } from '@/utils/cx'
import { currentYear } from '@/utils/format'
import { useEstateRuleset } from './useEstateRuleset'
import { CurrentVersion, DraftList, DraftStarts, HistoryList } from './Versions'
import './index.scss'

/**
 * 积分明细: the version in force, drafts waiting for the 党员大会, and an editor for a new version.
 * (The county template has its own page in the admin package.)
 */
export default function EstateRuleset() {
  const { scope, year, setYear, got, tpl, draft, setDraft, adopting, setAdopting, busy, save, current, drafts, history } = useEstateRuleset()

  return (
    <ScopeGate scope={scope} empty={{ title: '仅小区党支部书记可用', hint: '积分明细由小区党支部起草，经小区党员大会通过后施行。' }}>
      {() =>
        draft ? (
          <View className='page ruleset'>
            <RulesetEditor draft={draft} year={year} onChange={setDraft} />
            <View className='btn-row ruleset__actions'>
              <Button className={cx('btn btn-primary', hook('ruleset-save'))} disabled={busy || undefined} loading={busy} onClick={save}>
                保存草稿
              </Button>
              <Button className={cx('btn btn-gray', hook('ruleset-cancel'))} disabled={busy || undefined} onClick={() => setDraft(null)}>
                放弃
              </Button>
            </View>
          </View>
        ) : (
          <View className='page ruleset'>
            <ScopeBar label='小区党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
            <YearSwitch year={year} onChange={setYear} max={currentYear() + 1} />
            <AsyncView state={got} skeleton={{ cards: 3 }}>
              {() => (
                <View>
                  <CurrentVersion current={current} year={year} onDraft={setDraft} />
                  <DraftStarts tpl={tpl} onDraft={setDraft} />
                  <DraftList
                    drafts={drafts}
                    current={current}
                    adopting={adopting}
                    onAdopting={setAdopting}
                    onAdopted={got.reload}
                    onDraft={setDraft}
                  />
                  <HistoryList history={history} />
                </View>
              )}
            </AsyncView>
          </View>
        )
      }
    </ScopeGate>
  )
}

// The representative answers the weapp page test uses (representative.ts) hold to the action contract, and the
// checker refuses the calls a server would: an unknown action, the wrong cloud function, a body its schema refuses.
// Runs without a weapp build.
import { ACTIONS, type ActionName } from '../../src/core/contracts'
import { ESTATE, ONGOING, READS, SURVEY, UNIT, YEAR, answerFor, type Misfit } from './representative'

/** A body each read's schema accepts. */
const BODIES: Record<string, Record<string, unknown>> = {
  'org.list': { kind: 'estate' },
  'activity.list': { estateBranchId: ESTATE.id },
  'activity.get': { activityId: ONGOING.id },
  'activity.code': { activityId: ONGOING.id },
  'activity.staticCode': { activityId: ONGOING.id },
  'member.list': { scopeId: ESTATE.id },
  'member.moveList': { estateBranchId: ESTATE.id },
  'ruleset.get': { estateBranchId: ESTATE.id, year: YEAR },
  'ruleset.template': { year: YEAR },
  'score.mine': { year: YEAR },
  'score.list': { year: YEAR, scopeId: ESTATE.id },
  'settings.get': { year: YEAR },
  'publicity.get': { estateBranchId: ESTATE.id, year: YEAR },
  'appeal.mine': { year: YEAR },
  'appeal.list': { estateBranchId: ESTATE.id, year: YEAR },
  'feedback.remarks': { estateBranchId: ESTATE.id, year: YEAR },
  'feedback.list': { unitBranchId: UNIT.id, year: YEAR },
  'dashboard.get': { scopeId: 'C0', year: YEAR },
  'attendance.list': { estateBranchId: ESTATE.id },
  'unitScore.list': { unitBranchId: UNIT.id, year: YEAR },
  'survey.list': { scopeId: 'CM1', year: YEAR },
  'survey.results': { surveyId: SURVEY.surveyId },
  'survey.form': { surveyId: SURVEY.surveyId },
  'survey.poster': { surveyId: SURVEY.surveyId },
  'report.get': { orgId: ESTATE.id, year: YEAR },
  'report.list': { orgId: 'CM1', year: YEAR },
  // 红旗小区 评选
  'redflag.campaignGet': { year: YEAR },
  'redflag.get': { year: YEAR, estateBranchId: ESTATE.id },
  'redflag.list': { year: YEAR, scopeId: ESTATE.id },
  'redflag.publicity': { year: YEAR },
  'redflag.reports': { year: YEAR },
  'redflag.results': { year: YEAR },
}

describe('representative weapp answers', () => {
  it.each(Object.keys(READS))('%s answers data of its declared result shape', (action) => {
    const misfits: Misfit[] = []
    const answer = answerFor({ name: ACTIONS[action as ActionName].fn, data: { action, ...(BODIES[action] ?? {}) } }, misfits)
    expect(misfits).toEqual([])
    expect(answer).toMatchObject({ ok: true })
  })

  it('refuses an unknown action, the wrong cloud function and a body the schema refuses, as the server would', () => {
    const misfits: Misfit[] = []
    expect(answerFor({ name: 'user', data: { action: 'no.such' } }, misfits)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(answerFor({ name: 'activity', data: { action: 'score.mine', year: YEAR } }, misfits)).toMatchObject({ ok: false })
    expect(answerFor({ name: 'score', data: { action: 'score.mine', year: 'this year' } }, misfits)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
    expect(answerFor({ name: 'score', data: { action: 'score.mine', year: YEAR, extra: 1 } }, misfits)).toMatchObject({ ok: false })
    expect(misfits.map((m) => m.call)).toEqual(['user:no.such', 'activity:score.mine', 'score:score.mine', 'score:score.mine'])
  })
})

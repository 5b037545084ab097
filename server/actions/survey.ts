// 满意度测评 (docs/DESIGN.md#satisfaction-surveys): the community opens and closes a survey per estate and period;
// any signed-in WeChat user answers it from the printed poster — one answer per openid (its id is derived from the
// survey and the openid), changeable until the survey closes, and rate-limited per openid against ballot stuffing.
import { fail } from '../../src/core/errors'
import type { BodyOf } from '../../src/core/contracts'
import type { SurveyForm, SurveyPoster, SurveyResults, SurveyView } from '../../src/core/api-types'
import { SURVEY_ANSWER_PAGE, SURVEY_CHOICES, SURVEY_CHOICE_LABEL, SURVEY_OBJECTS, SURVEY_OBJECT_LABEL, shownRate } from '../../src/core/survey'
import { toNumber } from '../../src/core/scoring'
import { toIsoShanghai } from '../../src/core/time'
import { auditDoc } from '../context/audit'
import { covers, requireScope } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { keyId } from '../context/ids'
import type { SurveyAnswerDoc, SurveyDoc } from '../model/survey'
import { TransactionContended } from '../ports/store.port'
import { findIn, orgsUnder, requireOrg } from '../queries/orgs'
import { loadSurvey, surveyAnswers, tally } from '../queries/surveys'

const READERS = ['community_admin', 'street_admin', 'county_admin'] as const
/** Per openid, across surveys: at most this many submissions in the window (a resident changing their mind a few times fits). */
export const SURVEY_SUBMITS_PER_WINDOW = 10
export const SURVEY_SUBMIT_WINDOW = 10 * 60 * 1000

const answerId = (surveyId: string, openid: string) => keyId('SA', surveyId, openid)
const rateId = (openid: string) => keyId('SR', openid)
const rateOf = (bp: number | null) => (bp === null ? null : toNumber(bp))

async function estateOf(deps: Deps, survey: SurveyDoc) {
  return requireOrg(deps.store, survey.estateBranchId, 'estate', '小区党支部')
}

function view(s: SurveyDoc, estateName: string, answers: number): SurveyView {
  return {
    surveyId: s._id,
    estateBranchId: s.estateBranchId,
    estateName,
    year: s.year,
    period: s.period,
    title: s.title,
    status: s.status,
    answers,
    openedAt: toIsoShanghai(s.openedAt),
    closedAt: s.closedAt ? toIsoShanghai(s.closedAt) : null,
  }
}

export async function surveyOpen(b: BodyOf<'survey.open'>, ctx: Ctx, deps: Deps) {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['community_admin'], estate, '其他社区的小区')
  const period = b.period.trim()
  if (!period) fail('VALIDATION', '期别不能为空', { field: 'period' })
  const doc: SurveyDoc = {
    _id: keyId('SV', estate._id, String(b.year), period),
    estateBranchId: estate._id,
    year: b.year,
    period,
    title: b.title?.trim() || `${estate.name}${period}满意度测评`,
    status: 'open',
    openedBy: ctx.openid,
    openedAt: ctx.now,
  }
  return deps.store.transaction(async (tx) => {
    const cur = await tx.get('surveys', doc._id)
    if (cur?.status === 'open') return { surveyId: cur._id, repeated: true }
    if (cur) return fail('CONFLICT', `${estate.name}${period}的测评已结束，不能再次开启；请换一个期别`)
    await tx.create('surveys', doc)
    await tx.create('audit', auditDoc(ctx, 'survey.open', doc._id, null, { estateBranchId: doc.estateBranchId, year: doc.year, period }))
    return { surveyId: doc._id, repeated: false }
  })
}

export async function surveyClose(b: BodyOf<'survey.close'>, ctx: Ctx, deps: Deps) {
  const survey = await loadSurvey(deps.store, b.surveyId)
  requireScope(ctx, ['community_admin'], await estateOf(deps, survey), '其他社区的测评')
  const result = await deps.store.transaction(async (tx) => {
    const cur = await loadSurvey(tx, survey._id)
    if (cur.status === 'closed') return { repeated: true }
    await tx.set('surveys', { ...cur, status: 'closed', closedBy: ctx.openid, closedAt: ctx.now })
    await tx.create('audit', auditDoc(ctx, 'survey.close', cur._id, { status: 'open' }, { status: 'closed' }))
    return { repeated: false }
  })
  // Counted after the close committed: nothing can be added any more.
  const answers = await deps.store.count('surveyAnswers', { surveyId: survey._id })
  return { status: 'closed' as const, answers, ...result }
}

export async function surveyList(b: BodyOf<'survey.list'>, ctx: Ctx, deps: Deps): Promise<{ surveys: SurveyView[] }> {
  const scope = await requireOrg(deps.store, b.scopeId, ['county', 'street', 'community', 'estate', 'unit', 'unitBranch'], '范围')
  requireScope(ctx, READERS, scope)
  const estates = (await orgsUnder(deps.store, scope)).filter((o) => o.kind === 'estate')
  const names = new Map(estates.map((e) => [e._id, e.name]))
  const docs = (await findIn(deps.store, 'surveys', 'estateBranchId', [...names.keys()])).filter((s) => b.year === undefined || s.year === b.year)
  docs.sort((x, y) => y.openedAt - x.openedAt || x._id.localeCompare(y._id))
  const surveys: SurveyView[] = []
  for (const s of docs)
    surveys.push(view(s, names.get(s.estateBranchId) ?? s.estateBranchId, await deps.store.count('surveyAnswers', { surveyId: s._id })))
  return { surveys }
}

export async function surveyResults(b: BodyOf<'survey.results'>, ctx: Ctx, deps: Deps): Promise<SurveyResults> {
  const survey = await loadSurvey(deps.store, b.surveyId)
  const estate = await estateOf(deps, survey)
  requireScope(ctx, READERS, estate, '其他范围的测评')
  const answers = await surveyAnswers(deps.store, survey._id)
  const t = tally(answers)
  // The respondent is named to the county only (docs/DESIGN.md#satisfaction-surveys).
  const county = covers(ctx, ['county_admin'], estate)
  const comments = answers
    .filter((a) => a.comment)
    .sort((x, y) => y.at - x.at || x._id.localeCompare(y._id))
    .map((a) => ({ comment: a.comment as string, at: toIsoShanghai(a.at), ...(county ? { respondent: a.openid } : {}) }))
  return {
    survey: view(survey, estate.name, t.answers),
    answers: t.answers,
    enough: t.enough,
    objects: SURVEY_OBJECTS.map((o) => {
      const c = t.objects[o]
      return {
        object: o,
        label: SURVEY_OBJECT_LABEL[o],
        satisfied: c.satisfied,
        basic: c.basic,
        dissatisfied: c.dissatisfied,
        rate: rateOf(c.rateBp),
        shown: shownRate(c.rateBp, t.answers),
      }
    }),
    overall: rateOf(t.overallBp),
    overallShown: shownRate(t.overallBp, t.answers),
    comments,
  }
}

export async function surveyPoster(b: BodyOf<'survey.poster'>, ctx: Ctx, deps: Deps): Promise<SurveyPoster> {
  const survey = await loadSurvey(deps.store, b.surveyId)
  const estate = await estateOf(deps, survey)
  requireScope(ctx, ['community_admin'], estate, '其他社区的测评')
  // No signature: anyone may answer any open survey, so the code only has to say which one (≤ 32 characters).
  const scene = survey._id
  const qr = `/${SURVEY_ANSWER_PAGE}?scene=${scene}`
  return {
    surveyId: survey._id,
    title: survey.title,
    estateName: estate.name,
    period: survey.period,
    scene,
    qr,
    qrImage: deps.wxacode ? await deps.wxacode(scene, SURVEY_ANSWER_PAGE) : deps.renderQr(qr),
  }
}

export async function surveyForm(b: BodyOf<'survey.form'>, ctx: Ctx, deps: Deps): Promise<SurveyForm> {
  const survey = await loadSurvey(deps.store, b.surveyId)
  const estate = await estateOf(deps, survey)
  const mine = await deps.store.get('surveyAnswers', answerId(survey._id, ctx.openid))
  return {
    surveyId: survey._id,
    title: survey.title,
    estateName: estate.name,
    period: survey.period,
    status: survey.status,
    objects: SURVEY_OBJECTS.map((o) => ({ object: o, label: SURVEY_OBJECT_LABEL[o] })),
    choices: SURVEY_CHOICES.map((c) => ({ choice: c, label: SURVEY_CHOICE_LABEL[c] })),
    mine: mine
      ? {
          branch: mine.branch,
          committee: mine.committee,
          property: mine.property,
          ...(mine.comment ? { comment: mine.comment } : {}),
          at: toIsoShanghai(mine.at),
        }
      : null,
  }
}

/**
 * One submission, atomically: the per-openid rate (at most SURVEY_SUBMITS_PER_WINDOW in SURVEY_SUBMIT_WINDOW, counted
 * only for submissions that are stored), the survey still open, and the answer under its deterministic id — so
 * any number of simultaneous submissions of one person leave exactly one answer, the last committed.
 */
export async function surveyAnswer(b: BodyOf<'survey.answer'>, ctx: Ctx, deps: Deps) {
  const survey = await loadSurvey(deps.store, b.surveyId)
  if (survey.status !== 'open') fail('CONFLICT', '该测评已结束，不能再作答或修改')
  const comment = b.comment?.trim()
  const id = answerId(survey._id, ctx.openid)
  try {
    return await deps.store.transaction(async (tx) => {
      const s = await loadSurvey(tx, survey._id)
      if (s.status !== 'open') return fail('CONFLICT', '该测评已结束，不能再作答或修改')
      const rate = await tx.get('rateLimits', rateId(ctx.openid))
      const recent = (rate?.failures ?? []).filter((t) => t > ctx.now - SURVEY_SUBMIT_WINDOW)
      if (recent.length >= SURVEY_SUBMITS_PER_WINDOW) return fail('RATE_LIMITED', '提交过于频繁，请 10 分钟后再试')
      await tx.set('rateLimits', { _id: rateId(ctx.openid), failures: [...recent, ctx.now], blockedUntil: 0 })
      const cur = await tx.get('surveyAnswers', id)
      const doc: SurveyAnswerDoc = {
        _id: id,
        surveyId: s._id,
        estateBranchId: s.estateBranchId,
        year: s.year,
        openid: ctx.openid,
        branch: b.branch,
        committee: b.committee,
        property: b.property,
        ...(comment ? { comment } : {}),
        firstAt: cur?.firstAt ?? ctx.now,
        at: ctx.now,
        revisions: cur ? cur.revisions + 1 : 0,
      }
      await tx.set('surveyAnswers', doc)
      const picked = (a: SurveyAnswerDoc) => ({ branch: a.branch, committee: a.committee, property: a.property, comment: a.comment ?? null })
      await tx.create('audit', auditDoc(ctx, 'survey.answer', id, cur ? picked(cur) : null, picked(doc)))
      return { surveyId: s._id, changed: cur !== null, at: toIsoShanghai(ctx.now) }
    })
  } catch (e) {
    // The cloud database gave up after its retries: the same person is submitting many times at once.
    if (e instanceof TransactionContended) return fail('RATE_LIMITED', '提交过于频繁，请稍后再试')
    throw e
  }
}

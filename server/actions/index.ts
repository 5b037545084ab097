// Every action of the contract mapped to its use case; the type makes a missing one a compile error.
import type { ActionName, BodyOf, ResultOf } from '../../src/core/contracts'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import {
  activityCancel,
  activityCancelSignup,
  activityCheckin,
  activityCheckout,
  activityCode,
  activityCreate,
  activityGet,
  activityList,
  activityPublish,
  activitySignup,
  activityStaticCode,
} from './activity'
import { adjustmentRecord } from './adjustment'
import { importApply, importChunk, importDirectory, importProblems, importStart } from './admin'
import { appealCreate, appealList, appealMine, appealResolve } from './appeal'
import { attendanceBackfill, attendanceList, attendanceMine, attendanceReview, attendanceRevoke } from './attendance'
import { claimSubmit } from './claim'
import { dashboardGet } from './dashboard'
import { deductionRecord } from './deduction'
import { exportStart, exportXlsx } from './export'
import { jobDrive, jobGet, jobList, jobStep } from './job'
import { feedbackList, feedbackRemark, feedbackRemarks } from './feedback'
import { meGet } from './me'
import { memberList, memberRegister, memberReview, moveList, moveMine, moveRequest, moveResolve, moveWithdraw } from './member'
import { noticeMine } from './notice'
import { notifyConfig, notifyDeliver, notifyList, notifyMine, notifySubscribe } from './notify'
import { orgList } from './org'
import { publicityGet, publicityOpen } from './publicity'
import { reportGet, reportList, reportRemind, reportReview, reportSubmit } from './report'
import {
  rfAnswer,
  rfCampaignGet,
  rfCampaignSave,
  rfDecide,
  rfExport,
  rfExtendDeadline,
  rfGet,
  rfHonours,
  rfList,
  rfPanelName,
  rfPublicity,
  rfPublicityOpen,
  rfRecommend,
  rfReport,
  rfReports,
  rfResults,
  rfReview,
  rfSaveDraft,
  rfScore,
  rfSubmit,
  rfSubsidyPaid,
} from './redflag'
import { rulesetAdopt, rulesetGet, rulesetSave, rulesetSaveTemplate, rulesetTemplate } from './ruleset'
import { scoreList, scoreMine, scoreTally, scoreTallyJob, scoreTallyStep } from './score'
import { settingsGet, settingsSet } from './settings'
import { surveyAnswer, surveyClose, surveyForm, surveyList, surveyOpen, surveyPoster, surveyResults } from './survey'
import { unitScoreImport, unitScoreList, unitScorePreview } from './unit-score'
import { yearFinalise, yearFinaliseJob } from './year'

export type Handler<A extends ActionName> = (body: BodyOf<A>, ctx: Ctx, deps: Deps) => Promise<ResultOf<A>>

export const HANDLERS: { [A in ActionName]: Handler<A> } = {
  'me.get': meGet,
  'org.list': orgList,
  'admin.importDirectory': importDirectory,
  'admin.importStart': importStart,
  'admin.importChunk': importChunk,
  'admin.importProblems': importProblems,
  'admin.importApply': importApply,
  'member.register': memberRegister,
  'member.list': memberList,
  'member.review': memberReview,
  'member.requestMove': moveRequest,
  'member.myMove': moveMine,
  'member.withdrawMove': moveWithdraw,
  'member.moveList': moveList,
  'member.resolveMove': moveResolve,
  'ruleset.save': rulesetSave,
  'ruleset.adopt': rulesetAdopt,
  'ruleset.get': rulesetGet,
  'ruleset.template': rulesetTemplate,
  'ruleset.saveTemplate': rulesetSaveTemplate,
  'activity.create': activityCreate,
  'activity.list': activityList,
  'activity.get': activityGet,
  'activity.code': activityCode,
  'activity.checkin': activityCheckin,
  'activity.checkout': activityCheckout,
  'activity.signup': activitySignup,
  'activity.cancelSignup': activityCancelSignup,
  'activity.publish': activityPublish,
  'activity.cancel': activityCancel,
  'activity.staticCode': activityStaticCode,
  'claim.submit': claimSubmit,
  'attendance.list': attendanceList,
  'attendance.review': attendanceReview,
  'attendance.revoke': attendanceRevoke,
  'attendance.backfill': attendanceBackfill,
  'attendance.mine': attendanceMine,
  'notice.mine': noticeMine,
  'unitScore.import': unitScoreImport,
  'unitScore.preview': unitScorePreview,
  'unitScore.list': unitScoreList,
  'score.tally': scoreTally,
  'score.tallyStep': scoreTallyStep,
  'score.tallyJob': scoreTallyJob,
  'score.mine': scoreMine,
  'score.list': scoreList,
  'settings.set': settingsSet,
  'settings.get': settingsGet,
  'publicity.open': publicityOpen,
  'publicity.get': publicityGet,
  'appeal.create': appealCreate,
  'appeal.mine': appealMine,
  'appeal.list': appealList,
  'appeal.resolve': appealResolve,
  'deduction.record': deductionRecord,
  'year.finalise': yearFinalise,
  'year.finaliseJob': yearFinaliseJob,
  'adjustment.record': adjustmentRecord,
  'feedback.list': feedbackList,
  'feedback.remark': feedbackRemark,
  'feedback.remarks': feedbackRemarks,
  'dashboard.get': dashboardGet,
  'export.xlsx': exportXlsx,
  'export.start': exportStart,
  'job.get': jobGet,
  'job.step': jobStep,
  'job.list': jobList,
  'job.drive': jobDrive,
  // 订阅消息
  'notify.config': notifyConfig,
  'notify.subscribe': notifySubscribe,
  'notify.mine': notifyMine,
  'notify.list': notifyList,
  'notify.deliver': notifyDeliver,
  // 满意度测评
  'survey.open': surveyOpen,
  'survey.close': surveyClose,
  'survey.list': surveyList,
  'survey.results': surveyResults,
  'survey.poster': surveyPoster,
  'survey.form': surveyForm,
  'survey.answer': surveyAnswer,
  // 述职 (issue 13 §3)
  'report.get': reportGet,
  'report.submit': reportSubmit,
  'report.list': reportList,
  'report.review': reportReview,
  'report.remind': reportRemind,
  // 红旗小区 评选
  'redflag.campaignSave': rfCampaignSave,
  'redflag.campaignGet': rfCampaignGet,
  'redflag.extendDeadline': rfExtendDeadline,
  'redflag.saveDraft': rfSaveDraft,
  'redflag.submit': rfSubmit,
  'redflag.get': rfGet,
  'redflag.list': rfList,
  'redflag.review': rfReview,
  'redflag.recommend': rfRecommend,
  'redflag.panelName': rfPanelName,
  'redflag.score': rfScore,
  'redflag.decide': rfDecide,
  'redflag.publicityOpen': rfPublicityOpen,
  'redflag.publicity': rfPublicity,
  'redflag.report': rfReport,
  'redflag.reports': rfReports,
  'redflag.answer': rfAnswer,
  'redflag.results': rfResults,
  'redflag.subsidyPaid': rfSubsidyPaid,
  'redflag.honours': rfHonours,
  'redflag.export': rfExport,
}

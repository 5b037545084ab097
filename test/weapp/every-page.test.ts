/**
 * @jest-environment jsdom
 */
// Every page of the weapp build, rendered by miniprogram-simulate (see taro-simulate.ts) with representative
// answers (representative.ts: typed by the API shapes, each request body and answer checked against the action
// contract). For each page of dist/weapp/app.json (main package and subpackages): it asks for the reads it needs,
// each is answered, it shows what those answers say, and nothing is thrown or logged with console.error. The table
// must name every page of the build, so a new page cannot go unrendered. Needs `npx taro build --type weapp` first
// (set WEAPP_DIR to test a build elsewhere); without a build the suite is skipped, loudly.
import * as fs from 'node:fs'
import * as path from 'node:path'
import { ESTATE, ONGOING, SURVEY, UNIT, YEAR, answerFor, type Misfit } from './representative'
import { bootTaroWeapp, hasWeappBuild, weappDir, type TaroWeapp } from './taro-simulate'

const dir = weappDir()
const built = hasWeappBuild(dir)
if (!built) {
  console.warn(`test/weapp skipped: no weapp build at ${dir} — run \`npx taro build --type weapp\` (or set WEAPP_DIR)`)
}

interface PageCase {
  route: string
  query?: Record<string, string>
  /** Reads the page must make (each answered from representative.ts). */
  reads: string[]
  /** Texts it must show once the answers are in; the first is waited for. */
  shows: (string | RegExp)[]
}

// A date field in the weapp's words (DateTimeField), never "2026-11-22" or a locale's 11/22/2026.
const DATE_FIELD = /\d{4}年\d{1,2}月\d{1,2}日/

const PAGES: PageCase[] = [
  // main package
  {
    route: 'pages/index/index',
    reads: ['me.get', 'activity.list', 'redflag.honours'],
    shows: [ONGOING.title, '去签到', '我已报名', '工作台', '年度红旗小区'],
  },
  { route: 'pages/activities/index', reads: ['activity.list'], shows: ['敬老院慰问', '垃圾分类宣传', '我已签到', '已通过'] },
  { route: 'pages/points/index', reads: ['score.mine', 'publicity.get'], shows: ['88.63', '合格', '87.25', '公示中', '违反小区公约'] },
  { route: 'pages/mine/index', reads: ['notice.mine'], shows: ['签到已通过', '张建国', '县委组织部', UNIT.name] },
  { route: 'pages/register/index', reads: ['org.list'], shows: ['您已完成双报到', ESTATE.name] },
  { route: 'pages/checkin/index', query: { activityId: ONGOING.id }, reads: ['activity.list'], shows: [ONGOING.title, '提交签到'] },
  // secretary
  { route: 'packages/secretary/index/index', reads: [], shows: ['发布活动', '单位积分录入', '核算与定稿'] },
  { route: 'packages/secretary/activity-new/index', reads: ['ruleset.get'], shows: ['选择本活动计分的细则', DATE_FIELD, '发布活动'] },
  { route: 'packages/secretary/activities/index', reads: ['activity.list'], shows: ['垃圾分类宣传', '打印码', '补录'] },
  {
    route: 'packages/secretary/code/index',
    query: { activityId: ONGOING.id },
    reads: ['activity.code', 'activity.list'],
    shows: ['482915', '已签到 5 人'],
  },
  // The poster's canvas drawing needs WeChat's Canvas 2D, which the simulator lacks: the page's reads and text are checked.
  {
    route: 'packages/secretary/poster/index',
    query: { activityId: ONGOING.id },
    reads: ['activity.get', 'activity.staticCode'],
    shows: [ONGOING.title, 'A4 签到海报'],
  },
  {
    route: 'packages/secretary/projector/index',
    query: { activityId: ONGOING.id },
    reads: ['activity.get', 'activity.code'],
    shows: ['482915', ONGOING.title, '扫码或输入签到码'],
  },
  { route: 'packages/secretary/review/index', reads: ['attendance.list'], shows: ['距活动地点 850 米', '义务献血', '李秀英'] },
  {
    route: 'packages/secretary/backfill/index',
    query: { activityId: ONGOING.id },
    reads: ['activity.list', 'member.list'],
    shows: ['活动时间：', '选择已报到的党员', DATE_FIELD],
  },
  { route: 'packages/secretary/members/index', reads: ['member.list', 'member.moveList'], shows: ['搬家到幸福里小区', '刘洋', '李秀英'] },
  { route: 'packages/secretary/scores/index', reads: ['score.list', 'feedback.remarks'], shows: ['88.63', '单位积分未录入', '已写 1 / 2 人'] },
  { route: 'packages/secretary/ruleset/index', reads: ['ruleset.get', 'ruleset.template'], shows: ['第 2 版', '文明劝导', '违反小区公约'] },
  { route: 'packages/secretary/deduction/index', reads: ['member.list', 'ruleset.get'], shows: ['负面清单', DATE_FIELD, '记录扣分'] },
  { route: 'packages/secretary/publicity/index', reads: ['publicity.get', 'appeal.list', 'score.list'], shows: ['当天在场，定位偏差', '5 个工作日'] },
  // member
  {
    route: 'packages/member/activity/index',
    query: { activityId: ONGOING.id },
    reads: ['activity.get'],
    shows: ['活动地点 300 米内', ONGOING.title],
  },
  { route: 'packages/member/attendance/index', reads: ['attendance.mine'], shows: ['敬老院慰问', '+2.00 分'] },
  {
    route: 'packages/member/appeal/index',
    query: { target: 'entry', targetId: 'le-2', title: '违反小区公约', year: String(YEAR) },
    reads: ['appeal.mine', 'publicity.get'],
    shows: ['违反小区公约', '还没有申诉'],
  },
  { route: 'packages/member/claim/index', reads: ['ruleset.get'], shows: ['选择服务对应的细则', DATE_FIELD, '提交申报'] },
  { route: 'packages/member/move/index', reads: ['member.myMove', 'org.list'], shows: ['现在的报到', UNIT.name, '提交申请'] },
  { route: 'packages/member/messages/index', reads: ['notify.mine'], shows: ['活动开始提醒', '楼道清洁志愿服务'] },
  // unit secretary
  { route: 'packages/unit/scores/index', reads: ['unitScore.list'], shows: ['陈静', '折算 90.00'] },
  { route: 'packages/unit/import/index', reads: [], shows: [UNIT.name, '从表格导入'] },
  { route: 'packages/unit/feedback/index', reads: ['feedback.list'], shows: ['积极参加楼道清洁', '14.5'] },
  // admin
  { route: 'packages/admin/tally/index', reads: ['org.list', 'settings.get'], shows: ['示范县', `核算 ${YEAR} 年度双积分`] },
  { route: 'packages/admin/dashboard/index', reads: ['org.list', 'dashboard.get'], shows: ['84.50', '80%', '待审核签到'] },
  { route: 'packages/admin/settings/index', reads: ['settings.get'], shows: ['10 月 1 日', '9 月 28 日', DATE_FIELD, `保存 ${YEAR} 年度设置`] },
  { route: 'packages/admin/adjustment/index', reads: ['member.list', 'org.list', 'settings.get'], shows: ['尚未定稿', '记录审计调整'] },
  { route: 'packages/admin/template/index', reads: ['ruleset.template'], shows: ['县委组织部', '积分细则4 条'] },
  { route: 'packages/admin/directory/index', reads: [], shows: ['导入党员名册', '选择文件（.xlsx / .csv）'] },
  { route: 'packages/admin/messages/index', reads: ['notify.list'], shows: ['活动开始提醒', '张三'] },
  // 述职
  { route: 'packages/report/mine/index', reads: ['report.get'], shows: ['已报（待阅）', '提交修改（第 3 版）', '修改记录'] },
  { route: 'packages/report/list/index', reads: ['report.list'], shows: ['未报 1', '催报', '较好', '工作扎实'] },
  {
    route: 'packages/report/read/index',
    query: { orgId: 'E2', year: String(YEAR) },
    reads: ['report.get'],
    shows: ['兰亭小区党支部', '标记已阅（第 2 版）'],
  },
  // 红旗小区 评选
  {
    route: 'packages/redflag/campaign/index',
    reads: ['redflag.campaignGet'],
    shows: ['已有小区提交申报', '推荐 2 个', '权重合计 100', '任命为评选组成员'],
  },
  {
    route: 'packages/redflag/apply/index',
    reads: ['redflag.campaignGet', 'redflag.get'],
    shows: ['待社区把关（第 2 版）', '物业服务优质（40 分）', '90.00%', '退回：请补充物业服务做法'],
  },
  {
    route: 'packages/redflag/review/index',
    reads: ['redflag.list', 'redflag.campaignGet'],
    shows: ['兰亭小区党支部', '同意上报', '86.50 小时', '每月主题党日'],
  },
  {
    route: 'packages/redflag/panel/index',
    reads: ['redflag.list', 'redflag.campaignGet'],
    shows: ['80.08', '有异议：物业收费公示不及时', '保存评分', '物业纳入联建'],
  },
  {
    route: 'packages/redflag/decision/index',
    reads: ['redflag.campaignGet', 'redflag.list', 'redflag.publicity', 'redflag.reports', 'redflag.results'],
    shows: ['县级名额 20 个', '反映人 o-resident-1', '属实（取消资格）', '由县财政局发放'],
  },
  { route: 'packages/redflag/publicity/index', reads: ['redflag.publicity'], shows: ['经核实取消', '5 个工作日', '提交问题反映'] },
  { route: 'packages/redflag/results/index', reads: ['redflag.results'], shows: ['兰亭小区党支部（城关街道）', '补助 5000 元'] },
  // dev (the local build's sign-in; on WeChat it only says so)
  // 满意度测评: the resident's page opened by the poster's scene, the community's list, a result, the poster
  {
    route: 'packages/survey/answer/index',
    query: { scene: SURVEY.surveyId },
    reads: ['survey.form'],
    shows: [SURVEY.title, '您对物业服务企业的工作是否满意？', '基本满意', '提交答卷'],
  },
  { route: 'packages/survey/manage/index', reads: ['survey.list', 'org.list'], shows: ['开启测评', '兰亭小区党支部', '已作答 36 人', '已结束'] },
  {
    route: 'packages/survey/results/index',
    query: { surveyId: SURVEY.surveyId },
    reads: ['survey.results'],
    shows: ['样本量：36 份', '91.67%', '综合满意率：71.30%', '地下车库照明不足'],
  },
  {
    route: 'packages/survey/poster/index',
    query: { surveyId: SURVEY.surveyId },
    reads: ['survey.poster'],
    shows: [SURVEY.title, '微信扫一扫，参与满意度测评'],
  },
  { route: 'packages/dev/login/index', reads: [], shows: ['此页面仅用于本地体验版'] },
]

/** Every page of the build: app.json's pages, then each subpackage's. */
function builtPages(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8')) as {
    pages: string[]
    subPackages?: { root: string; pages: string[] }[]
    subpackages?: { root: string; pages: string[] }[]
  }
  const subs = app.subPackages ?? app.subpackages ?? []
  return [...app.pages, ...subs.flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`))]
}

;(built ? describe : describe.skip)('every weapp page renders under miniprogram-simulate with representative data', () => {
  let weapp: TaroWeapp
  const misfits: Misfit[] = []

  beforeAll(() => {
    weapp = bootTaroWeapp(dir, (call) => answerFor(call, misfits))
  })

  it('the table names every page of the build, and only those', () => {
    expect(PAGES.map((p) => p.route).sort()).toEqual(builtPages().sort())
  })

  it.each(PAGES.map((p) => [p.route, p] as const))('%s', async (_route, c) => {
    const calls0 = weapp.calls.length
    const errors0 = weapp.errors.length
    const misfits0 = misfits.length
    const page = await weapp.renderPage(c.route, c.query)
    let shown = ''
    try {
      await page.waitForText(c.shows[0])
      // The remaining reads land in the same tick or the next few.
      for (const expected of c.shows.slice(1)) await page.waitForText(expected)
      const asked = new Set(weapp.calls.slice(calls0).map((call) => String(call.data.action)))
      for (const read of c.reads) expect(asked).toContain(read)
      shown = page.text()
    } finally {
      // Off the stack, as on a phone: timers (the rotating code) stop, and the next page's calls are its own.
      page.component.detach()
    }
    expect(misfits.slice(misfits0)).toEqual([])
    expect(weapp.errors.slice(errors0)).toEqual([])
    expect(shown).not.toMatch(/undefined|NaN|\[object Object\]|Invalid Date/)
  })
})

// Page tests compare against the route builders, so the builders' exact output is pinned here, and the pages of
// the member's side are checked to be pages the app registers.
import fs from 'node:fs'
import path from 'node:path'
import {
  ACTIVITIES_URL,
  ACTIVITY_URL,
  APPEAL_URL,
  activityUrl,
  CHECKIN_URL,
  CLAIM_URL,
  CODE_URL,
  checkinUrl,
  codeUrl,
  DEV_LOGIN_URL,
  HOME_URL,
  MINE_URL,
  MOVE_URL,
  MY_ATTENDANCE_URL,
  POINTS_URL,
  REGISTER_URL,
  SURVEY_ANSWER_URL,
  surveyAnswerUrl,
  surveyPosterUrl,
  surveyResultsUrl,
  WORKBENCH_URL,
} from './routes'
import { SURVEY_ANSWER_PAGE } from '@/core/survey'

it('builds an activity detail URL (also the share card path)', () => {
  expect(activityUrl('A1')).toBe(`${ACTIVITY_URL}?activityId=A1`)
})

it('builds the check-in URL, adding the mode only for check-out', () => {
  expect(checkinUrl('A1')).toBe(`${CHECKIN_URL}?activityId=A1`)
  expect(checkinUrl('A1', 'checkin')).toBe(`${CHECKIN_URL}?activityId=A1`)
  expect(checkinUrl('A1', 'checkout')).toBe(`${CHECKIN_URL}?activityId=A1&mode=checkout`)
})

it('builds the code screen URL with or without an activity, encoding the id', () => {
  expect(codeUrl()).toBe(CODE_URL)
  expect(codeUrl('a b')).toBe(`${CODE_URL}?activityId=a%20b`)
})

const MEMBER_SIDE = {
  HOME_URL,
  ACTIVITIES_URL,
  POINTS_URL,
  MINE_URL,
  CHECKIN_URL,
  REGISTER_URL,
  ACTIVITY_URL,
  MY_ATTENDANCE_URL,
  APPEAL_URL,
  CLAIM_URL,
  MOVE_URL,
  WORKBENCH_URL,
  DEV_LOGIN_URL,
}

it.each(Object.entries(MEMBER_SIDE))('%s is a page the app registers', (_name, url) => {
  const config = fs.readFileSync(path.join(__dirname, '..', 'app.config.ts'), 'utf8')
  const main = url.match(/^\/(pages\/[\w-]+\/index)$/)
  if (main) {
    expect(config).toContain(`'${main[1]}'`)
    return
  }
  const sub = url.match(/^\/(packages\/[\w-]+)\/([\w-]+\/index)$/)
  expect(sub).not.toBeNull()
  const [, root, page] = sub as RegExpMatchArray
  const block = config.slice(config.indexOf(`root: '${root}'`))
  expect(block.slice(0, block.indexOf(']'))).toContain(`'${page}'`)
})

it('opens the survey answer page the poster’s 小程序码 names, and builds the survey pages’ URLs', () => {
  expect(SURVEY_ANSWER_URL).toBe(`/${SURVEY_ANSWER_PAGE}`)
  expect(surveyAnswerUrl('SV1')).toBe(`${SURVEY_ANSWER_URL}?surveyId=SV1`)
  expect(surveyResultsUrl('SV1')).toBe('/packages/survey/results/index?surveyId=SV1')
  expect(surveyPosterUrl('SV1')).toBe('/packages/survey/poster/index?surveyId=SV1')
})

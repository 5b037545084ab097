// The builders' exact output: page tests compare against these builders, so the URL format itself is pinned here.
import { ACTIVITY_URL, activityUrl, CHECKIN_URL, CODE_URL, checkinUrl, codeUrl } from './routes'

it('builds an activity detail URL (also the share card path)', () => {
  expect(activityUrl('A1')).toBe(`${ACTIVITY_URL}?activityId=A1`)
  expect(ACTIVITY_URL).toBe(['', 'packages', 'member', 'activity', 'index'].join('/'))
})

it('builds the check-in URL, adding the mode only for check-out', () => {
  expect(CHECKIN_URL).toBe(['', 'pages', 'checkin', 'index'].join('/'))
  expect(checkinUrl('A1')).toBe(`${CHECKIN_URL}?activityId=A1`)
  expect(checkinUrl('A1', 'checkin')).toBe(`${CHECKIN_URL}?activityId=A1`)
  expect(checkinUrl('A1', 'checkout')).toBe(`${CHECKIN_URL}?activityId=A1&mode=checkout`)
})

it('builds the code screen URL with or without an activity, encoding the id', () => {
  expect(codeUrl()).toBe(CODE_URL)
  expect(codeUrl('a b')).toBe(`${CODE_URL}?activityId=a%20b`)
})

import { surveyIdFrom } from './scene'

describe('surveyIdFrom', () => {
  it('takes the survey id from a link or from the scene of the poster’s 小程序码', () => {
    expect(surveyIdFrom({ surveyId: 'SVabc_1-2' })).toBe('SVabc_1-2')
    expect(surveyIdFrom({ scene: encodeURIComponent('SVabc_1-2') })).toBe('SVabc_1-2')
  })
  it('ignores a missing, malformed or badly encoded id', () => {
    expect(surveyIdFrom({})).toBeNull()
    expect(surveyIdFrom({ scene: 'a.b/c' })).toBeNull()
    expect(surveyIdFrom({ scene: '%E0%A4%A' })).toBeNull()
  })
})

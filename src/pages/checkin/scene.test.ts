import { staticCodeFromScene } from './scene'

describe('the scene of a printed 小程序码', () => {
  it('becomes the static code text the server accepts', () => {
    expect(staticCodeFromScene('A_x1.abcdEFGH')).toBe('DSJS.A_x1.abcdEFGH')
    // WeChat hands the scene over URI-encoded.
    expect(staticCodeFromScene(encodeURIComponent('A_x1.ab-dEFGH'))).toBe('DSJS.A_x1.ab-dEFGH')
    expect(staticCodeFromScene('DSJS.A_x1.abcdEFGH')).toBe('DSJS.A_x1.abcdEFGH')
    expect(staticCodeFromScene('%E0%A4%A')).toBe('DSJS.%E0%A4%A')
  })
})

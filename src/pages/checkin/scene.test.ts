import { codeFromScan, staticCodeFromScene } from './scene'

describe('the scene of a printed 小程序码', () => {
  it('becomes the static code text the server accepts', () => {
    expect(staticCodeFromScene('A_x1.abcdEFGH')).toBe('DSJS.A_x1.abcdEFGH')
    // WeChat hands the scene over URI-encoded.
    expect(staticCodeFromScene(encodeURIComponent('A_x1.ab-dEFGH'))).toBe('DSJS.A_x1.ab-dEFGH')
    expect(staticCodeFromScene('DSJS.A_x1.abcdEFGH')).toBe('DSJS.A_x1.abcdEFGH')
    expect(staticCodeFromScene('%E0%A4%A')).toBe('DSJS.%E0%A4%A')
  })
})

describe('what the in-app scanner read', () => {
  it('takes a printed 小程序码 by the scene in its path, and a QR code by its text', () => {
    expect(codeFromScan({ path: `pages/checkin/index?scene=${encodeURIComponent('A_x1.abcdEFGH')}` })).toBe('DSJS.A_x1.abcdEFGH')
    expect(codeFromScan({ path: 'pages/checkin/index?x=1&scene=A_x1.abcdEFGH', result: '' })).toBe('DSJS.A_x1.abcdEFGH')
    expect(codeFromScan({ result: 'DSJ1.A_x1.123.sig' })).toBe('DSJ1.A_x1.123.sig')
    expect(codeFromScan({ result: '' })).toBeNull()
    expect(codeFromScan({ path: 'pages/index/index' })).toBeNull()
  })
})

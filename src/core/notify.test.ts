import { afterQuietHours, fitKeyword, keywordTime, keywordType } from './notify'

const at = (iso: string) => Date.parse(iso)

describe('fitKeyword: cut by characters to the keyword limit, never fail', () => {
  it('keeps a thing of exactly 20 Chinese characters and cuts the 21st with an ellipsis', () => {
    const twenty = '在职党员双积分志愿服务活动社区环境整治日'
    expect(Array.from(twenty)).toHaveLength(20)
    expect(fitKeyword('thing1', twenty)).toBe(twenty)
    const cut = fitKeyword('thing1', `${twenty}第二期`)
    expect(Array.from(cut)).toHaveLength(20)
    expect(cut).toBe(`${twenty.slice(0, 19)}…`)
  })

  it('counts a character outside the BMP as one and never splits its surrogate pair', () => {
    const text = '𠮷'.repeat(25)
    const cut = fitKeyword('thing2', text)
    expect(Array.from(cut)).toHaveLength(20)
    expect(cut.endsWith('…')).toBe(true)
    expect(cut.slice(0, -1)).toBe('𠮷'.repeat(19))
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut)).toBe(false)
  })

  it('cuts a phrase to 5 characters without an ellipsis', () => {
    expect(fitKeyword('phrase3', '审核通过并已计分')).toBe('审核通过并')
    expect(fitKeyword('phrase3', '未通过')).toBe('未通过')
  })

  it('turns an empty value into "-", folds whitespace, and leaves time and unknown types whole', () => {
    expect(fitKeyword('thing4', '   ')).toBe('-')
    expect(fitKeyword('thing4', '第一行\n第二行')).toBe('第一行 第二行')
    const long = '2026年12月7日 09:30'
    expect(fitKeyword('time2', long)).toBe(long)
    expect(keywordType('character_string12')).toBe('character_string')
    expect(fitKeyword('character_string1', 'A'.repeat(40))).toHaveLength(32)
  })
})

it('formats a time keyword in Asia/Shanghai', () => {
  expect(keywordTime(at('2026-12-07T01:30:00Z'))).toBe('2026年12月7日 09:30')
})

describe('quiet hours 22:00–07:00 Asia/Shanghai', () => {
  it('lets a message due in the day go at once', () => {
    expect(afterQuietHours(at('2026-12-07T07:00:00+08:00'))).toBe(at('2026-12-07T07:00:00+08:00'))
    expect(afterQuietHours(at('2026-12-07T21:59:00+08:00'))).toBe(at('2026-12-07T21:59:00+08:00'))
  })

  it('holds one due at 22:00 or later until 07:00 the next day', () => {
    expect(afterQuietHours(at('2026-12-07T22:00:00+08:00'))).toBe(at('2026-12-08T07:00:00+08:00'))
    expect(afterQuietHours(at('2026-12-07T23:59:00+08:00'))).toBe(at('2026-12-08T07:00:00+08:00'))
  })

  it('holds one due after midnight until 07:00 the same day', () => {
    expect(afterQuietHours(at('2026-12-08T00:10:00+08:00'))).toBe(at('2026-12-08T07:00:00+08:00'))
    expect(afterQuietHours(at('2026-12-08T06:59:00+08:00'))).toBe(at('2026-12-08T07:00:00+08:00'))
  })
})

import iconv from 'iconv-lite'
import { decodeGbk } from './gbk'

describe('GBK without TextDecoder', () => {
  const saved = globalThis.TextDecoder
  beforeAll(() => {
    delete (globalThis as { TextDecoder?: unknown }).TextDecoder
  })
  afterAll(() => {
    globalThis.TextDecoder = saved
  })

  it('decodes every two-byte GBK code as iconv-lite does', () => {
    expect(typeof TextDecoder).toBe('undefined')
    const bytes: number[] = []
    for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) bytes.push(lead, trail)
    const all = new Uint8Array(bytes)
    const ours = decodeGbk(all)
    expect(ours).toBe(iconv.decode(Buffer.from(all), 'gbk'))
    expect(ours.length).toBe(bytes.length / 2)
  })
  it('decodes the text of a unit sheet, ASCII, the euro sign and full-width forms', () => {
    const text = '姓名,手机号,单位积分\r\n杨　帆,13800000006,８８．５\r\n鑫淼犇 €,1.38E+10,90\r\n'
    expect(decodeGbk(new Uint8Array(iconv.encode(text, 'gbk')))).toBe(text)
  })
  it('replaces what is not GBK instead of failing', () => {
    expect(decodeGbk(new Uint8Array([0xd0, 0xd5, 0xff, 0x41, 0xd0, 0x2c, 0xd0]))).toBe('姓\ufffdA\ufffd,\ufffd')
    expect(decodeGbk(new Uint8Array([0x81, 0x30, 0x81, 0x30, 0x41]))).toBe('\ufffdA') // a four-byte GB18030 code
  })
})

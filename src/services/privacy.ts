// WeChat's answers when a privacy API is stopped by the privacy guide, in words a member understands
// (docs/DESIGN.md#privacy-consent-and-updates). A cancelled picker is not one of them: that stays silent.

/** The person refused WeChat's privacy popup (they can tap again later and agree). */
export const PRIVACY_REFUSED = '需同意《隐私保护指引》才能使用，可稍后再点一次'
/** The county's guide in the WeChat console does not declare this API (README 上线清单). */
export const PRIVACY_UNDECLARED = '隐私保护指引未声明此功能，请联系县委组织部'

/** The Chinese message for a privacy refusal, or null when `err` is something else (a cancel, a network failure). */
export function privacyProblem(err: unknown): string | null {
  const msg = String((err as { errMsg?: unknown } | null)?.errMsg ?? (err as { message?: unknown } | null)?.message ?? err)
  if (/privacy permission is not authorized/i.test(msg)) return PRIVACY_REFUSED
  if (/not declared in the privacy agreement/i.test(msg)) return PRIVACY_UNDECLARED
  return null
}

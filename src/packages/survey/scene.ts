// Which survey a page is about: `surveyId` from a link, or the `scene` WeChat hands over (URI-encoded) when the
// poster's 小程序码 is scanned (docs/DESIGN.md#satisfaction-surveys).
export function surveyIdFrom(params: Record<string, string | undefined>): string | null {
  const raw = params.surveyId ?? params.scene
  if (!raw) return null
  let id: string
  try {
    id = decodeURIComponent(raw)
  } catch {
    return null
  }
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null
}

import { STATIC_PREFIX } from '@/core/rotating-code'

/**
 * The check-in text of a printed 小程序码: WeChat opens the page with only the code's `scene` (≤ 32 characters),
 * and the server takes the static code as `DSJS.` + scene (the same text a camera scan of it yields).
 */
export function staticCodeFromScene(scene: string): string {
  let text = scene
  try {
    text = decodeURIComponent(scene)
  } catch {
    // not URI-encoded: use as is
  }
  return text.startsWith(`${STATIC_PREFIX}.`) ? text : `${STATIC_PREFIX}.${text}`
}

/**
 * What the in-app scanner read, as check-in text: a rotating QR gives its text in `result`; a printed 小程序码 of
 * this mini program gives `path` (pages/checkin/index?scene=…) instead, whose scene is the static code.
 */
export function codeFromScan(r: { result?: string; path?: string }): string | null {
  const m = r.path ? /[?&]scene=([^&]+)/.exec(r.path) : null
  if (m) return staticCodeFromScene(m[1])
  return r.result ? r.result : null
}

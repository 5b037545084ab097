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

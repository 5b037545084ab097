import type { SaveWorkbook } from './save-file.types'

/** H5: a download through a data URL and a temporary <a download>. */
export const saveWorkbook: SaveWorkbook = async ({ filename, mime, base64 }) => {
  const a = document.createElement('a')
  a.href = `data:${mime};base64,${base64}`
  a.download = filename
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
}

import type { SaveExport } from './save-file.types'

/** H5: the link of the export (same origin, served as an attachment under its name) through a temporary <a download>. */
export const saveExport: SaveExport = async ({ url, filename }) => {
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
}

// The platform contract for handing an exported workbook to the person: one implementation per platform,
// chosen by Taro at build time (save-file.weapp.ts opens it in WeChat's viewer, save-file.h5.ts downloads it).
import type { ExportFile } from '@/core/api-types'

/** Saves the workbook and shows it (weapp) or downloads it (h5); rejects with a Chinese message on failure. */
export type SaveWorkbook = (file: Pick<ExportFile, 'filename' | 'mime' | 'base64'>) => Promise<void>

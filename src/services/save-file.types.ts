// The platform contract for handing an exported workbook to the person: one implementation per platform,
// chosen by Taro at build time (save-file.weapp.ts downloads it and opens it in WeChat's viewer, save-file.h5.ts
// downloads it in the browser). The file comes from its temporary link (docs/DESIGN.md#jobs), never as bytes.

/** Fetches the file behind `url` and shows it (weapp) or downloads it (h5); rejects with a Chinese message on failure. */
export type SaveExport = (file: { url: string; filename: string }) => Promise<void>

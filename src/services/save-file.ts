// Default for type-checking and jest; the Taro build picks save-file.weapp.ts or save-file.h5.ts instead.
export { saveExport } from './save-file.h5'

// Default for type-checking and jest; the Taro build picks platform.weapp.ts or platform.h5.ts instead.
export { platform } from './platform.h5'

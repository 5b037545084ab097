// Default for type-checking and jest; the Taro build picks app-update.weapp.ts or app-update.h5.ts instead.
export { watchForUpdates } from './app-update.h5'
export type { WatchForUpdates } from './app-update.types'

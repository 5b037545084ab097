import type { WatchForUpdates } from './app-update.types'

/** H5: a page load already fetches the newest build; nothing to watch. */
export const watchForUpdates: WatchForUpdates = () => undefined

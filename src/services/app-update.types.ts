// The platform contract for taking a new version of the app: one implementation per platform, chosen by Taro at
// build time (app-update.weapp.ts asks WeChat's update manager; app-update.h5.ts has nothing to do — a reload is
// the new version).

/** Once at start-up: when a newer version has been downloaded, offer to restart into it. */
export type WatchForUpdates = () => void

// The photo port (claims, docs/DESIGN.md#the-ledger): the app uploads a photo first — to WeChat cloud storage in the mini program,
// to `POST /files` on the local backend — and then names it in the claim. The server checks that each named photo
// exists and was uploaded by the caller, and hands reviewers short-lived URLs to look at them.
export interface FileStore {
  /** The ids among `fileIds` that the caller may NOT attach (missing, or uploaded by someone else). */
  refuse(openid: string, fileIds: string[]): Promise<string[]>
  /** Short-lived URLs to show the photos, by id; a photo that cannot be shown is left out. */
  urls(fileIds: string[]): Promise<Map<string, string>>
}

/** Where no photo storage exists (benchmarks of the tally): every photo is refused, none can be shown. */
export const NO_FILES: FileStore = {
  refuse: async (_openid, fileIds) => fileIds,
  urls: async () => new Map(),
}

// The file port. Photos (claims, docs/DESIGN.md#the-ledger): the app uploads a photo first — to WeChat cloud storage
// in the mini program, to `POST /files` on the local backend — and then names it in the claim. The server checks that
// each named photo exists and was uploaded by the caller, and hands reviewers short-lived URLs to look at them.
// Exports (docs/DESIGN.md#jobs): the server puts a produced file and answers its id and a short-lived link, never its
// bytes (a cloud function's answer is small).

/** A file the server produced (an export), to be stored for its owner. */
export interface ProducedFile {
  bytes: Uint8Array
  /** What the person's download is called, e.g. 幸福里小区党支部-2025-名册-2025-12-07.xlsx. */
  name: string
  mime: string
  /** The openid it is produced for (the cloud stores it under exports/<openid>/). */
  owner: string
  /** A unique key for the file (the job's id): putting the same key again replaces it. */
  key: string
}

export interface FileStore {
  /** The ids among `fileIds` that the caller may NOT attach (missing, or uploaded by someone else). */
  refuse(openid: string, fileIds: string[]): Promise<string[]>
  /** Short-lived URLs to show the photos or download the exports, by id; a file that cannot be shown is left out. */
  urls(fileIds: string[]): Promise<Map<string, string>>
  /** Stores a produced file and answers its id. */
  put(file: ProducedFile): Promise<string>
  /** The bytes of a produced file, or null when there is none. */
  read(fileId: string): Promise<Uint8Array | null>
}

/** Where no file storage exists (benchmarks of the tally): every photo is refused, none can be shown or stored. */
export const NO_FILES: FileStore = {
  refuse: async (_openid, fileIds) => fileIds,
  urls: async () => new Map(),
  put: async () => {
    throw new Error('no file storage here')
  },
  read: async () => null,
}

// The platform contract for putting a claim photo somewhere the server can check it: WeChat cloud storage under
// claims/<openid>/ in the mini program (upload-photo.weapp.ts), the local backend's POST /files in H5
// (upload-photo.h5.ts). Either way the answer is the id the claim names. A secretary's deduction evidence uses
// the same service and the same folder (claims/<their openid>/ — see fileIdSchema in src/core/contracts.ts).

/** Uploads the photo at `path` (from chooseMedia) for `openid`; rejects with a Chinese message on failure. */
export type UploadPhoto = (path: string, openid: string) => Promise<string>

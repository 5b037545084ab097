// Only for importers outside this area that still name the folder (server/testing/harness.ts): everything
// else imports from the module that holds the thing.
export type { Deps } from './deps'

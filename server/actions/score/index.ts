// score.*: the tally (at once, or in resumable batches) and reading scores.

export { scoreList, scoreMine } from './read'
export { DEFAULT_BATCH, scoreTally, scoreTallyStep } from './tally'

// score.*: the tally (a job, run at once, or stepped) and reading scores.

export { scoreList, scoreMine } from './read'
export { scoreTally, scoreTallyJob, scoreTallyStep } from './tally'

// member.*: registration and review, and moving estate or unit branch.

export { memberList, memberRegister, memberReview } from './registration'
export { moveList, moveMine, moveRequest, moveResolve, moveWithdraw } from './moves'

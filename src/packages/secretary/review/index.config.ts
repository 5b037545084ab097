export default definePageConfig({
  navigationBarTitleText: '审核签到',
  enablePullDownRefresh: true,
})

export default definePageConfig({
  navigationBarTitleText: '公示与申诉',
  enablePullDownRefresh: true,
})

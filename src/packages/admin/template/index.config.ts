export default definePageConfig({
  navigationBarTitleText: '积分明细模板',
  enablePullDownRefresh: true,
})

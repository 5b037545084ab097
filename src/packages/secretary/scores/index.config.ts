export default definePageConfig({
  navigationBarTitleText: '积分一览',
  enablePullDownRefresh: true,
})

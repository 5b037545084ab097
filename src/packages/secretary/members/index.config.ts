export default definePageConfig({
  navigationBarTitleText: '成员与报到',
  enablePullDownRefresh: true,
})

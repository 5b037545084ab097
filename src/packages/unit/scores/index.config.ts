export default definePageConfig({
  navigationBarTitleText: '单位积分录入',
  enablePullDownRefresh: true,
})

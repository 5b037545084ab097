export default definePageConfig({
  navigationBarTitleText: '志愿服务活动',
  enablePullDownRefresh: true,
})

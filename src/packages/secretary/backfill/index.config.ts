export default definePageConfig({
  navigationBarTitleText: '补录签到',
})

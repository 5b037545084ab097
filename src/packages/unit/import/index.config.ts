export default definePageConfig({
  navigationBarTitleText: '单位积分导入',
})

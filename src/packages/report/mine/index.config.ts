export default definePageConfig({
  navigationBarTitleText: '年度述职',
})

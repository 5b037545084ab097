export default definePageConfig({
  navigationBarTitleText: '阅定述职',
})

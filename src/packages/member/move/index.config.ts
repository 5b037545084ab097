export default definePageConfig({
  navigationBarTitleText: '变更报到',
})

// Default for type-checking and jest; the Taro build picks subscribe-ask.weapp.ts or subscribe-ask.h5.ts instead.
export { askTemplates } from './subscribe-ask.h5'

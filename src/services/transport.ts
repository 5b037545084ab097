// Default for type-checking and jest; the Taro build picks transport.weapp.ts or transport.h5.ts instead.
export { send } from './transport.h5'

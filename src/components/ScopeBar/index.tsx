import { Text, View } from '@tarojs/components'
import OptionPicker from '../OptionPicker'
import { hook } from '@/utils/cx'
import Field from '../Field'

export interface ScopeBarProps {
  scopes: { scopeId: string; scopeName?: string }[]
  scopeId: string | null
  onChange: (scopeId: string) => void
  label: string
}

/** Which branch the tool acts on; a picker only when the user manages more than one. */
export default function ScopeBar({ scopes, scopeId, onChange, label }: ScopeBarProps) {
  if (scopes.length <= 1) {
    const s = scopes[0]
    return s ? (
      <View className='scope-bar muted' style={{ marginBottom: '12px' }}>
        <Text>
          {label}：{s.scopeName ?? s.scopeId}
        </Text>
      </View>
    ) : null
  }
  return (
    <Field label={label} className='scope-bar'>
      <OptionPicker
        className={hook('scope-picker')}
        options={scopes.map((s) => ({ value: s.scopeId, label: s.scopeName ?? s.scopeId }))}
        value={scopeId}
        onChange={onChange}
      />
    </Field>
  )
}

// The deployment's 订阅消息 templates (docs/DESIGN.md#reminders): template ids from the WeChat console and which
// keyword of each shows which value. Given as JSON (env NOTIFY_TEMPLATES or cloudfunctions/notify/templates.json);
// a template left out, or with an empty id, is not asked for and its messages end as 模板配置有误.
import { TEMPLATES, TEMPLATE_KEYS, VALUE_NAMES, type TemplateKey, type ValueName } from '../../src/core/notify'
import type { TemplateSettings } from '../ports/notify.port'

const KEYWORD = /^[a-z_]{3,20}\d{1,2}$/

/** Reads a template setting; throws with a Chinese message naming what is wrong (checked at start, not per send). */
export function parseTemplateSettings(json: string): TemplateSettings {
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch {
    throw new Error('订阅消息模板配置不是有效的 JSON')
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('订阅消息模板配置应为对象：{ 模板键: { id, keywords } }')
  const out: TemplateSettings = {}
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key.startsWith('_')) continue
    if (!TEMPLATE_KEYS.includes(key as TemplateKey)) throw new Error(`未知的消息模板键：${key}（可用：${TEMPLATE_KEYS.join('、')}）`)
    const v = value as { id?: unknown; keywords?: unknown }
    if (typeof v?.id !== 'string') throw new Error(`模板 ${key} 缺少 id（微信公众平台“订阅消息 → 我的模板”中的模板 ID）`)
    if (!v.id) continue
    const keywords = (v.keywords ?? TEMPLATES[key as TemplateKey].keywords) as Record<string, unknown>
    if (typeof keywords !== 'object' || keywords === null) throw new Error(`模板 ${key} 的 keywords 应为对象`)
    for (const [kw, name] of Object.entries(keywords)) {
      if (!KEYWORD.test(kw)) throw new Error(`模板 ${key} 的关键词名 ${kw} 无效（应如 thing1、time2、phrase3）`)
      if (!VALUE_NAMES.includes(name as ValueName))
        throw new Error(`模板 ${key} 的关键词 ${kw} 对应的值 ${String(name)} 无效（可用：${VALUE_NAMES.join('、')}）`)
    }
    out[key as TemplateKey] = { id: v.id, keywords: keywords as Record<string, ValueName> }
  }
  return out
}

/** The local backend's templates: every key, with a placeholder id and the default keywords. */
export function localTemplateSettings(): TemplateSettings {
  return Object.fromEntries(TEMPLATE_KEYS.map((k) => [k, { id: `local-${k}`, keywords: TEMPLATES[k].keywords }]))
}

/** Names in the order Chinese readers expect (pinyin), the same whatever the database's collation. */
export const CHINESE_ORDER = new Intl.Collator('zh-CN');

import { Text } from '@tarojs/components';

/** A small label, e.g. a role or a state. */
export function Badge({ children, tone = 'primary' }: { children: string; tone?: 'primary' | 'muted' | 'success' }) {
  return <Text className={`badge badge--${tone}`}>{children}</Text>;
}

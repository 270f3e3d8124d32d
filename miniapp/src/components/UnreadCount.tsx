import { Text } from '@tarojs/components';
import './UnreadCount.scss';

/** The red count of unread messages beside 消息; nothing when there are none. */
export function UnreadCount({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <Text className='unread-count' aria-label={`${count} 条未读`}>
      {count > 99 ? '99+' : count}
    </Text>
  );
}

import { Text } from '@tarojs/components';

/** A tappable text link. */
export function LinkText({ children, onClick }: { children: string; onClick: () => void }) {
  return (
    <Text className='link' onClick={onClick}>
      {children}
    </Text>
  );
}

import { Text, View } from '@tarojs/components';
import { Button } from './ui';
import { Notice } from './Notice';

/**
 * A page before its data is there: the load error with 重新加载 (only when a retry can help), or
 * 加载中….
 */
export function PageStatus({ failure, onRetry }: { failure?: string; onRetry?: () => void }) {
  return (
    <View className='page'>
      {failure ? <Notice kind='error'>{failure}</Notice> : <Text className='muted'>加载中…</Text>}
      {failure && onRetry ? (
        <Button block onClick={onRetry}>
          重新加载
        </Button>
      ) : null}
    </View>
  );
}

import { View } from '@tarojs/components';
import type { Resource } from '../api/data';
import { Button } from './ui';
import { Notice } from './Notice';

/** Why a part of a page did not load, with 重新加载; nothing while it loads or has loaded. */
export function LoadFailure({ resource, block = false }: { resource: Pick<Resource<unknown>, 'failure' | 'reload'>; block?: boolean }) {
  if (!resource.failure) return null;
  return (
    <View>
      <Notice kind='error'>{resource.failure}</Notice>
      <Button size={block ? undefined : 'small'} block={block} onClick={resource.reload}>
        重新加载
      </Button>
    </View>
  );
}

import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '../../../components/ui';
import { LoadFailure } from '../../../components/LoadFailure';
import { useUnit } from '../../../api/resources';
import { UnitList } from '../units/UnitList';

export interface ChosenUnit {
  id: string;
  name: string;
}

/**
 * A unit of the organizing unit's tree, found by name or paged through (the tree may be large):
 * the chosen one's name, 选择单位 to open the list, and 清除 where none may be chosen (`noneLabel`).
 */
export function UnitChooser({ rootId, value, onChange, noneLabel }: { rootId: string; value: ChosenUnit | undefined; onChange: (unit: ChosenUnit | undefined) => void; noneLabel?: string }) {
  const root = useUnit(rootId);
  const [picking, setPicking] = useState(false);
  return (
    <View>
      <View className='actions'>
        <Text>{value?.name ?? noneLabel ?? '未选择'}</Text>
        <Button size='small' onClick={() => setPicking(!picking)}>
          {picking ? '收起' : '选择单位'}
        </Button>
        {value && noneLabel ? (
          <Button size='small' onClick={() => onChange(undefined)}>
            清除
          </Button>
        ) : null}
      </View>
      {picking && root.data ? (
        <UnitList
          rootId={root.data.id}
          rootDepth={root.data.depth}
          selectedId={value?.id}
          onSelect={(unit) => {
            setPicking(false);
            onChange({ id: unit.id, name: unit.name });
          }}
        />
      ) : null}
      {picking && root.loading ? <Text className='muted'>加载中…</Text> : null}
      {picking ? <LoadFailure resource={root} /> : null}
    </View>
  );
}

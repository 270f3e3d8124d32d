import { Text, View } from '@tarojs/components';
import type { UnitDto } from '@safemonth/shared';
import { Notice } from '../../../components/Notice';
import { Toggle } from '../../../components/Toggle';
import { useAllUnits } from '../../../api/resources';
import { treeRows } from '../../../utils/tree';

/**
 * Which subtrees take part. None chosen means the organizing unit's whole subtree; choosing a unit
 * brings in everything under it, so its descendants are not offered separately.
 */
export function ParticipatingUnits({
  organizingUnitId,
  value,
  onChange,
  error,
}: {
  organizingUnitId: string;
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const { data: units, failure } = useAllUnits(organizingUnitId);

  if (failure) return <Notice kind='error'>{failure}</Notice>;
  if (!units) return <Text className='muted'>加载中…</Text>;
  const chosen = new Set(value);
  const rows = treeRows(units.filter((unit) => unit.id !== organizingUnitId));
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const underChosen = (unit: UnitDto): boolean => {
    for (let parent = unit.parentId ? byId.get(unit.parentId) : undefined; parent; parent = parent.parentId ? byId.get(parent.parentId) : undefined) {
      if (chosen.has(parent.id)) return true;
    }
    return false;
  };

  return (
    <View className='participating'>
      <Text className='muted'>{value.length === 0 ? '未选择：主办单位下的全部单位参加。' : `已选择 ${value.length} 个单位（含其下级单位）参加。`}</Text>
      {rows.length === 0 ? <Text className='muted'>主办单位下还没有单位。</Text> : null}
      {rows
        .filter(({ unit }) => !underChosen(unit))
        .map(({ unit, level }) => (
          <View className='participating__row' key={unit.id} style={{ paddingLeft: `${level * 16}px` }}>
            <Toggle
              label={unit.name}
              checked={chosen.has(unit.id)}
              onChange={(on) => onChange(on ? [...value, unit.id] : value.filter((id) => id !== unit.id))}
            />
          </View>
        ))}
      {error ? <Text className='field__error'>{error}</Text> : null}
    </View>
  );
}

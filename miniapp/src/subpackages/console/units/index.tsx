import { useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Role, UNIT_KIND_LABELS, type MembershipDto, type UnitDto } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { Section } from '../../../components/Section';
import { Choices } from '../../../components/Choices';
import { useMe, useUnits } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { treeRows } from '../../../utils/tree';
import { Routes } from '../../../routes';
import { UnitPanel } from './UnitPanel';
import './index.scss';
import { PageStatus } from '../../../components/PageStatus';

/** The subtree list with its root on top (added from the membership if the list leaves it out). */
function withRoot(root: MembershipDto, units: UnitDto[]): UnitDto[] {
  if (units.some((unit) => unit.id === root.unit.id)) return units;
  const depth = units.length ? Math.min(...units.map((unit) => unit.depth)) - 1 : 0;
  const top: UnitDto = { ...root.unit, code: null, parentId: null, depth: Math.max(depth, 0) };
  return [top, ...units];
}

export default function UnitsConsolePage() {
  const signedIn = useSession(Routes.consoleUnits);
  const me = useMe(signedIn);
  const roots = me.data?.memberships.filter((m) => m.role === Role.Committee);
  const [chosenRoot, setChosenRoot] = useState<string>();
  const rootId = chosenRoot ?? roots?.[0]?.unit.id;
  const root = roots?.find((m) => m.unit.id === rootId);
  const tree = useUnits(rootId);
  const [query, setQuery] = useState('');
  /** The name searched for ('' when the whole tree is shown). */
  const [searchedFor, setSearchedFor] = useState('');
  const search = useUnits(searchedFor ? rootId : undefined, searchedFor);
  const [chosenUnit, setChosenUnit] = useState<string>();
  const selectedId = chosenUnit ?? rootId;

  const units = useMemo(() => (root && tree.data ? withRoot(root, tree.data) : null), [root, tree.data]);
  const searched = searchedFor && search.data ? { q: searchedFor, units: search.data } : null;
  const rows = useMemo(() => treeRows((searchedFor ? search.data : undefined) ?? units ?? []), [searchedFor, search.data, units]);
  const failure = tree.failure ?? search.failure;

  const runSearch = () => {
    const q = query.trim();
    // The same name again searches anew.
    if (q && q === searchedFor) search.reload();
    else setSearchedFor(q);
  };

  const clearSearch = () => {
    setSearchedFor('');
    setQuery('');
  };

  const refresh = () => {
    tree.reload();
    if (searchedFor) search.reload();
  };

  const selected = units?.find((unit) => unit.id === selectedId) ?? searched?.units.find((u) => u.id === selectedId);

  if (!roots) return <PageStatus failure={me.failure} onRetry={me.reload} />;
  if (tree.failure && !units) return <PageStatus failure={tree.failure} onRetry={tree.reload} />;
  if (roots.length === 0) {
    return (
      <View className='page'>
        <Notice>只有安委办可以管理单位。</Notice>
      </View>
    );
  }

  return (
    <View className='page units'>
      {failure ? <Notice kind='error'>{failure}</Notice> : null}
      {roots.length > 1 ? (
        <Choices
          options={roots.map((m) => ({ value: m.unit.id, label: m.unit.name }))}
          value={rootId}
          onChange={(id) => {
            setChosenRoot(id);
            setChosenUnit(id);
            clearSearch();
          }}
        />
      ) : null}
      <View className='units__layout'>
        <View className='units__tree'>
          <Section title='单位列表'>
            <View className='units__search'>
              <View className='units__search-input'>
                <Field label='按名称搜索' placeholder='输入单位名称' value={query} onChange={setQuery} maxLength={64} />
              </View>
              <Button size='small' type='primary' onClick={runSearch}>
                搜索
              </Button>
              {searched ? (
                <Button size='small' onClick={clearSearch}>
                  清除
                </Button>
              ) : null}
            </View>
            {searched ? <Text className='muted'>“{searched.q}”的搜索结果：{searched.units.length} 个</Text> : null}
            {units === null ? <Text className='muted'>加载中…</Text> : null}
            {rows.map((row) => (
              <View
                key={row.unit.id}
                className={`unit-row${row.unit.id === selectedId ? ' unit-row--selected' : ''}`}
                style={{ paddingLeft: Taro.pxTransform(16 + row.level * 32) }}
                onClick={() => setChosenUnit(row.unit.id)}
              >
                <Text className='unit-row__name'>{row.unit.name}</Text>
                <Text className='unit-row__kind'>{UNIT_KIND_LABELS[row.unit.kind]}</Text>
              </View>
            ))}
          </Section>
        </View>
        <View className='units__detail'>
          {selected ? (
            <UnitPanel unit={selected} units={units ?? []} isRoot={selected.id === rootId} onChanged={refresh} />
          ) : (
            <Text className='muted'>选择一个单位查看成员和进行管理</Text>
          )}
        </View>
      </View>
    </View>
  );
}

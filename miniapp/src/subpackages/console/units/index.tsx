import { useCallback, useEffect, useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { Role, UNIT_KIND_LABELS, type MembershipDto, type UnitDto } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { Section } from '../../../components/Section';
import { Choices } from '../../../components/Choices';
import { meApi, unitsApi } from '../../../api/endpoints';
import { requireSession } from '../../../session/guard';
import { messageOf } from '../../../utils/errors';
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
  const [roots, setRoots] = useState<MembershipDto[] | null>(null);
  const [rootId, setRootId] = useState<string>();
  const [units, setUnits] = useState<UnitDto[] | null>(null);
  const [failure, setFailure] = useState<string>();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState<{ q: string; units: UnitDto[] } | null>(null);
  const [selectedId, setSelectedId] = useState<string>();

  const loadRoots = useCallback(async () => {
    setFailure(undefined);
    try {
      const me = await meApi.get({ toast: false });
      const committee = me.memberships.filter((m) => m.role === Role.Committee);
      setRoots(committee);
      if (committee[0]) {
        setRootId(committee[0].unit.id);
        setSelectedId(committee[0].unit.id);
      }
    } catch (error) {
      setFailure(messageOf(error, '加载失败，请稍后重试'));
    }
  }, []);

  useLoad(() => {
    if (!requireSession(Routes.consoleUnits)) return;
    void loadRoots();
  });

  const loadUnits = useCallback(async (root: MembershipDto) => {
    try {
      setUnits(withRoot(root, await unitsApi.list({ under: root.unit.id }, { toast: false })));
    } catch (error) {
      setFailure(messageOf(error, '加载单位失败'));
    }
  }, []);

  const root = roots?.find((m) => m.unit.id === rootId);

  useEffect(() => {
    if (root) void loadUnits(root);
  }, [root, loadUnits]);

  const search = async () => {
    const q = query.trim();
    if (!rootId) return;
    if (!q) {
      setSearched(null);
      return;
    }
    try {
      setSearched({ q, units: await unitsApi.list({ under: rootId, q }, { toast: false }) });
    } catch (error) {
      setFailure(messageOf(error, '搜索失败'));
    }
  };

  const refresh = async () => {
    if (!rootId || !root) return;
    await loadUnits(root);
    if (searched) {
      try {
        setSearched({ q: searched.q, units: await unitsApi.list({ under: rootId, q: searched.q }, { toast: false }) });
      } catch {
        setSearched(null);
      }
    }
  };

  const rows = useMemo(() => treeRows(searched ? searched.units : (units ?? [])), [searched, units]);
  const selected = units?.find((unit) => unit.id === selectedId) ?? searched?.units.find((u) => u.id === selectedId);

  if (!roots || (failure && !units)) return <PageStatus failure={units ? undefined : failure} onRetry={loadRoots} />;
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
            setRootId(id);
            setSelectedId(id);
            setSearched(null);
            setQuery('');
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
              <Button size='small' type='primary' onClick={search}>
                搜索
              </Button>
              {searched ? (
                <Button
                  size='small'
                  onClick={() => {
                    setSearched(null);
                    setQuery('');
                  }}
                >
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
                onClick={() => setSelectedId(row.unit.id)}
              >
                <Text className='unit-row__name'>{row.unit.name}</Text>
                <Text className='unit-row__kind'>{UNIT_KIND_LABELS[row.unit.kind]}</Text>
              </View>
            ))}
          </Section>
        </View>
        <View className='units__detail'>
          {selected ? (
            <UnitPanel unit={selected} units={units ?? []} isRoot={selected.id === rootId} onChanged={() => void refresh()} />
          ) : (
            <Text className='muted'>选择一个单位查看成员和进行管理</Text>
          )}
        </View>
      </View>
    </View>
  );
}

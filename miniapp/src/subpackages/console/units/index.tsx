import { useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Role } from '@safemonth/shared';
import { Notice } from '../../../components/Notice';
import { Section } from '../../../components/Section';
import { Choices } from '../../../components/Choices';
import { useMe, useUnit } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { Routes } from '../../../routes';
import { UnitList } from './UnitList';
import { UnitPanel } from './UnitPanel';
import './index.scss';
import { PageStatus } from '../../../components/PageStatus';
import { ConsoleFrame } from '../../../components/ConsoleFrame';

export default function UnitsConsolePage() {
  const signedIn = useSession(Routes.consoleUnits);
  const me = useMe(signedIn);
  const roots = me.data?.memberships.filter((m) => m.role === Role.Committee);
  const [chosenRoot, setChosenRoot] = useState<string>();
  const rootId = chosenRoot ?? roots?.[0]?.unit.id;
  const [chosenUnit, setChosenUnit] = useState<string>();
  const selectedId = chosenUnit ?? rootId;
  const root = useUnit(rootId);
  const selected = useUnit(selectedId);

  // Loading and failures keep the navigation, so a person can go elsewhere meanwhile.
  const framed = (page: ReactNode) => (
    <ConsoleFrame current='units' crumbs={[{ label: '单位' }]}>
      {page}
    </ConsoleFrame>
  );
  if (!roots) return framed(<PageStatus failure={me.failure} onRetry={me.reload} />);
  if (roots.length === 0 || !rootId) {
    return framed(
      <View className='page'>
        <Notice>只有安委办可以管理单位。</Notice>
      </View>,
    );
  }
  if (!root.data) return framed(<PageStatus failure={root.failure} onRetry={root.reload} />);

  return framed(
    <View className='page units'>
        {roots.length > 1 ? (
          <Choices
            options={roots.map((m) => ({ value: m.unit.id, label: m.unit.name }))}
            value={rootId}
            onChange={(id) => {
              setChosenRoot(id);
              setChosenUnit(undefined);
            }}
          />
        ) : null}
        <View className='units__layout'>
          <View className='units__tree'>
            <Section title='单位列表'>
              <UnitList key={rootId} rootId={rootId} rootDepth={root.data.depth} selectedId={selectedId} onSelect={(unit) => setChosenUnit(unit.id)} />
            </Section>
          </View>
          <View className='units__detail'>
            {selected.failure ? <Notice kind='error'>{selected.failure}</Notice> : null}
            {selected.data ? <UnitPanel unit={selected.data} root={root.data} onRemoved={() => setChosenUnit(undefined)} /> : null}
            {selected.loading ? <Text className='muted'>加载中…</Text> : null}
          </View>
        </View>
      </View>,
  );
}

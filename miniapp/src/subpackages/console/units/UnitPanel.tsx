import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  ROLE_LABELS,
  UNIT_KINDS,
  UNIT_KIND_LABELS,
  UnitKind,
  MEMBER_DEFAULT_ORDER,
  type CreateUnitRequest,
  type MemberSort,
  type UnitDto,
  type UnitMemberDto,
} from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Badge } from '../../../components/Badge';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { Section } from '../../../components/Section';
import { Choices } from '../../../components/Choices';
import { Pager } from '../../../components/Pager';
import { LinkText } from '../../../components/LinkText';
import { DataTable, useWideTables, type Column, type TableOrder } from '../../../components/DataTable';
import { useAction } from '../../../api/data';
import { unitsApi } from '../../../api/endpoints';
import { keys, useMembers } from '../../../api/resources';
import { Routes, withQuery } from '../../../routes';
import { confirmDanger } from '../../../utils/confirm';
import { ImportPanel } from './ImportPanel';
import { WecomRobots } from './WecomRobots';
import { UnitList } from './UnitList';

const KIND_CHOICES = UNIT_KINDS.filter((kind) => kind !== UnitKind.Committee).map((kind) => ({
  value: kind,
  label: UNIT_KIND_LABELS[kind],
}));

/** How a member signs in, where the list shows it (to those who manage the members). */
const login = (member: UnitMemberDto) => member.person.username ?? member.person.phone ?? '';

/** A unit's members: rows on phones, a table sortable by name and role on the desktop. */
function Members({ unit }: { unit: UnitDto }) {
  /** Undefined: the list's own order, by role. */
  const [order, setOrder] = useState<TableOrder<MemberSort>>();
  const { data: members, failure, setPage } = useMembers(unit.id, order);
  const wide = useWideTables();
  const remove = useAction(keys.members(unit.id), (member: UnitMemberDto) => unitsApi.removeMember(member.membershipId, { toast: false }), {
    // Their own memberships too, should one remove oneself.
    stale: ['members', 'me'],
    onSuccess: () => Taro.showToast({ title: '已移除', icon: 'none' }),
  });

  const ask = async (member: UnitMemberDto) => {
    if (remove.busy) return;
    const question = `将“${member.person.displayName}”（${ROLE_LABELS[member.role]}）移出“${unit.name}”？移除后其不能再以该身份使用本单位的功能。`;
    if (await confirmDanger('移除成员', question, '移除')) void remove.run(member);
  };

  if (failure) return <Notice kind='error'>{failure}</Notice>;
  if (!members) return <Text className='muted'>加载中…</Text>;
  if (members.total === 0) return <Text className='muted'>暂无成员</Text>;
  const columns: Column<UnitMemberDto, MemberSort>[] = [
    { title: '姓名', sort: 'name', grow: 2, cell: (member) => <Text>{member.person.displayName}</Text> },
    { title: '登录名或手机', grow: 2, cell: (member) => <Text>{login(member)}</Text> },
    { title: '角色', sort: 'role', cell: (member) => <Badge>{ROLE_LABELS[member.role]}</Badge> },
    { title: '操作', cell: (member) => <LinkText onClick={() => void ask(member)}>移除</LinkText> },
  ];
  return (
    <View>
      {remove.failure ? <Notice kind='error'>{remove.failure}</Notice> : null}
      {wide ? (
        <DataTable
          label='成员'
          columns={columns}
          rows={members.items}
          rowKey={(member) => member.membershipId}
          order={order ?? MEMBER_DEFAULT_ORDER}
          onSort={setOrder}
        />
      ) : (
        members.items.map((member) => (
          <View className='row' key={member.membershipId}>
            <View className='row__main'>
              <Text className='row__title'>{member.person.displayName}</Text>
              {login(member) ? <Text className='row__meta'>{login(member)}</Text> : null}
            </View>
            <Badge>{ROLE_LABELS[member.role]}</Badge>
            <LinkText onClick={() => void ask(member)}>移除</LinkText>
          </View>
        ))
      )}
      <Pager page={members} onPage={setPage} />
    </View>
  );
}

/** Each change below is one to `unit` and to the lists of units that show it: they all load again. */
const UNIT_CHANGE = { stale: ['units'] };

function Rename({ unit }: { unit: UnitDto }) {
  const [name, setName] = useState(unit.name);
  const [error, setError] = useState<string>();
  const rename = useAction(keys.unit(unit.id), (next: string) => unitsApi.update(unit.id, { name: next }, { toast: false }), {
    ...UNIT_CHANGE,
    onSuccess: () => Taro.showToast({ title: '已保存', icon: 'none' }),
  });

  const save = () => {
    const trimmed = name.trim();
    rename.reset();
    if (!trimmed) setError('请输入单位名称');
    else void rename.run(trimmed);
  };

  return (
    <View>
      <Field label='单位名称' placeholder='单位名称' value={name} onChange={(v) => { setName(v); setError(undefined); }} error={error} maxLength={64} />
      {rename.failure ? <Notice kind='error'>{rename.failure}</Notice> : null}
      <Button size='small' loading={rename.busy} disabled={rename.busy || name.trim() === unit.name} onClick={save}>
        保存名称
      </Button>
    </View>
  );
}

function CreateChild({ parent }: { parent: UnitDto }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<UnitKind>(UnitKind.Enterprise);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const create = useAction(keys.unit(parent.id), (body: CreateUnitRequest) => unitsApi.create(body, { toast: false }), {
    ...UNIT_CHANGE,
    onSuccess: () => {
      setName('');
      setCode('');
      Taro.showToast({ title: '已创建', icon: 'none' });
    },
  });

  const submit = () => {
    const trimmed = name.trim();
    create.reset();
    if (!trimmed) setError('请输入单位名称');
    else void create.run({ name: trimmed, kind, parentId: parent.id, ...(code.trim() ? { code: code.trim() } : {}) });
  };

  return (
    <View>
      <Field label='下级单位名称' placeholder='下级单位名称' value={name} onChange={(v) => { setName(v); setError(undefined); }} error={error} maxLength={64} />
      <View className='field'>
        <Text className='field__label'>类型</Text>
        <Choices options={KIND_CHOICES} value={kind} onChange={setKind} />
      </View>
      <Field label='编码（可选）' placeholder='编码（可选）' value={code} onChange={setCode} maxLength={32} />
      {create.failure ? <Notice kind='error'>{create.failure}</Notice> : null}
      <Button size='small' type='primary' loading={create.busy} disabled={create.busy} onClick={submit}>
        创建下级单位
      </Button>
    </View>
  );
}

/** Moves `unit` under a unit of the managed subtree, found in the list or by name. */
function Move({ unit, root }: { unit: UnitDto; root: UnitDto }) {
  const [choosing, setChoosing] = useState(false);
  const [target, setTarget] = useState<UnitDto>();
  const move = useAction(keys.unit(unit.id), (parentId: string) => unitsApi.move(unit.id, { parentId }, { toast: false }), {
    ...UNIT_CHANGE,
    onSuccess: () => {
      setChoosing(false);
      setTarget(undefined);
      Taro.showToast({ title: '已移动', icon: 'none' });
    },
  });

  if (!choosing) {
    return (
      <Button size='small' onClick={() => setChoosing(true)}>
        选择新的上级单位
      </Button>
    );
  }
  return (
    <View>
      {/* Not offered: the unit itself and its subtree, where it cannot go. */}
      <UnitList
        rootId={root.id}
        rootDepth={root.depth}
        outside={unit.id}
        selectedId={target?.id}
        onSelect={(chosen) => {
          setTarget(chosen);
          move.reset();
        }}
        disabled={(candidate) => candidate.id === unit.parentId}
      />
      {move.failure ? <Notice kind='error'>{move.failure}</Notice> : null}
      {target ? (
        <Button size='small' loading={move.busy} disabled={move.busy} onClick={() => void move.run(target.id)}>
          移动到“{target.name}”下
        </Button>
      ) : null}
    </View>
  );
}

/** Removes `unit` once asked; the server refuses one that still holds units, members or data. */
function Remove({ unit, onRemoved }: { unit: UnitDto; onRemoved: () => void }) {
  const remove = useAction(keys.unit(unit.id), () => unitsApi.remove(unit.id, { toast: false }), {
    ...UNIT_CHANGE,
    onSuccess: () => {
      Taro.showToast({ title: '已删除', icon: 'none' });
      onRemoved();
    },
  });

  const ask = async () => {
    if (await confirmDanger('删除单位', `删除“${unit.name}”？删除后不能恢复。只有没有下级单位、成员和报告等数据的单位才能删除。`, '删除')) {
      void remove.run();
    }
  };

  return (
    <View>
      <Text className='muted'>只能删除空单位：没有下级单位、成员、报告、联络员信息表，也未组织活动。</Text>
      {remove.failure ? <Notice kind='error'>{remove.failure}</Notice> : null}
      <Button size='small' type='danger' loading={remove.busy} disabled={remove.busy} onClick={() => void ask()}>
        删除单位
      </Button>
    </View>
  );
}

export interface UnitPanelProps {
  unit: UnitDto;
  /** The managed subtree's top: it cannot be moved or removed from here, and moves stay within its subtree. */
  root: UnitDto;
  /** After `unit` was removed: choose another. */
  onRemoved: () => void;
}

/** Everything one can do with one unit of the subtree. */
export function UnitPanel({ unit, root, onRemoved }: UnitPanelProps) {
  return (
    <View className='unit-panel'>
      <Section
        title={unit.name}
        extra={
          <Button
            size='small'
            type='primary'
            fill='outline'
            onClick={() => Taro.navigateTo({ url: withQuery(Routes.consoleInvites, { unitId: unit.id }) })}
          >
            邀请成员
          </Button>
        }
      >
        <Text className='muted'>
          {UNIT_KIND_LABELS[unit.kind]}
          {unit.code ? ` · 编码 ${unit.code}` : ''}
        </Text>
      </Section>
      <Section title='成员'>
        <Members unit={unit} />
      </Section>
      <Section title='重命名'>
        <Rename key={unit.id} unit={unit} />
      </Section>
      <Section title='新建下级单位'>
        <CreateChild key={unit.id} parent={unit} />
      </Section>
      {unit.id === root.id ? null : (
        <Section title='移动'>
          <Move key={unit.id} unit={unit} root={root} />
        </Section>
      )}
      <Section title='企业微信群机器人'>
        <WecomRobots key={unit.id} unit={unit} />
      </Section>
      <Section title='批量导入下级单位'>
        <ImportPanel key={unit.id} unit={unit} />
      </Section>
      {unit.id === root.id ? null : (
        <Section title='删除单位'>
          <Remove key={unit.id} unit={unit} onRemoved={onRemoved} />
        </Section>
      )}
    </View>
  );
}

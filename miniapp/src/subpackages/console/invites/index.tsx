import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { formatChinaInstant, ROLE_LABELS, Role, type InviteDto, type UnitDto } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Badge } from '../../../components/Badge';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { Section } from '../../../components/Section';
import { Choices } from '../../../components/Choices';
import { LinkText } from '../../../components/LinkText';
import { OptionPicker } from '../../../components/OptionPicker';
import { Pager } from '../../../components/Pager';
import { invitesApi, meApi, unitsApi } from '../../../api/endpoints';
import { useAction } from '../../../api/data';
import { keys, useInvites } from '../../../api/resources';
import { confirmDanger } from '../../../utils/confirm';
import { requireSession } from '../../../session/guard';
import { messageOf } from '../../../utils/errors';
import { Routes, withQuery } from '../../../routes';
import { inviteTargets, type InviteTarget } from './targets';
import { useInviteQrs, type QrState } from './qr';
import './index.scss';
import { PageStatus } from '../../../components/PageStatus';
import { ConsoleFrame } from '../../../components/ConsoleFrame';

const DEFAULT_HOURS = '72';
const DEFAULT_USES = '1';

function positiveInteger(text: string): number | undefined {
  const value = Number(text.trim());
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

async function copyLink(link: string) {
  try {
    await Taro.setClipboardData({ data: link });
    Taro.showToast({ title: '链接已复制', icon: 'none' });
  } catch {
    Taro.showToast({ title: '复制失败，请手动复制', icon: 'none' });
  }
}

function inviteState(invite: InviteDto, now: number): { label: string; usable: boolean } {
  if (Date.parse(invite.expiresAt) <= now) return { label: '已过期', usable: false };
  if (invite.uses >= invite.maxUses) return { label: '已用完', usable: false };
  return { label: '有效', usable: true };
}

/** An invite's QR code, or where it is on its way (the box keeps the code's place meanwhile). */
function InviteQr({ state, onRetry }: { state?: QrState; onRetry: () => void }) {
  if (state?.status === 'ready') {
    return (
      <View className='invite-qr'>
        {/* The box is square like the code: scaleToFill fills it. */}
        <Image className='invite-qr__box' src={state.dataUrl} mode='scaleToFill' />
        <Text className='muted'>扫描二维码或打开链接即可加入</Text>
      </View>
    );
  }
  if (state?.status === 'failed') {
    return (
      <View className='invite-qr'>
        <Notice kind='error'>{state.message}</Notice>
        {state.retry ? (
          <Button size='small' onClick={onRetry}>
            重新加载二维码
          </Button>
        ) : null}
      </View>
    );
  }
  return (
    <View className='invite-qr'>
      <View className='invite-qr__box invite-qr__box--waiting'>
        <Text className='muted'>二维码生成中…</Text>
      </View>
    </View>
  );
}

function CreatedInvite({ invite, qr, onShowQr }: { invite: InviteDto; qr?: QrState; onShowQr: () => void }) {
  return (
    <Section title='邀请已生成'>
      <View className='created'>
        <Text className='created__code'>{invite.code}</Text>
        <Text className='muted'>
          {invite.unit.name} · {ROLE_LABELS[invite.role]} · 可用 {invite.maxUses} 次 · 有效期至{' '}
          {formatChinaInstant(invite.expiresAt)}
        </Text>
        <Text className='created__link' userSelect>
          {invite.link}
        </Text>
        <Button type='primary' size='small' onClick={() => copyLink(invite.link)}>
          复制链接
        </Button>
        <InviteQr state={qr} onRetry={onShowQr} />
      </View>
    </Section>
  );
}

interface InviteListProps {
  invites: InviteDto[];
  qrs: Record<string, QrState>;
  /** The invite whose QR code is open under its row. */
  openQr?: string;
  onToggleQr: (invite: InviteDto) => void;
  onShowQr: (invite: InviteDto) => void;
  /** The roles whose invites the viewer may take back: those they may hand out. */
  revocable: Role[];
  onRevoke: (invite: InviteDto) => void;
}

function InviteList({ invites, qrs, openQr, onToggleQr, onShowQr, revocable, onRevoke }: InviteListProps) {
  const now = Date.now();
  if (invites.length === 0) return <Text className='muted'>还没有发出邀请</Text>;
  return (
    <View>
      {invites.map((invite) => {
        const state = inviteState(invite, now);
        const open = state.usable && openQr === invite.id;
        return (
          <Fragment key={invite.id}>
            <View className='row'>
              <View className='row__main'>
                <Text className='row__title'>
                  {invite.code} · {ROLE_LABELS[invite.role]}
                </Text>
                <Text className='row__meta'>
                  已用 {invite.uses}/{invite.maxUses} 次 · 有效期至 {formatChinaInstant(invite.expiresAt)}
                </Text>
              </View>
              <View className='invite-row__side'>
                <Badge tone={state.usable ? 'success' : 'muted'}>{state.label}</Badge>
                {state.usable ? <LinkText onClick={() => copyLink(invite.link)}>复制链接</LinkText> : null}
                {state.usable ? <LinkText onClick={() => onToggleQr(invite)}>{open ? '收起二维码' : '二维码'}</LinkText> : null}
                {state.usable && revocable.includes(invite.role) ? <LinkText onClick={() => onRevoke(invite)}>撤销</LinkText> : null}
              </View>
            </View>
            {open ? <InviteQr state={qrs[invite.id]} onRetry={() => onShowQr(invite)} /> : null}
          </Fragment>
        );
      })}
    </View>
  );
}

export default function InviteConsolePage() {
  const router = useRouter();
  const wantedUnit = router.params.unitId;
  const [targets, setTargets] = useState<InviteTarget[] | null>(null);
  const [loadFailure, setLoadFailure] = useState<string>();
  const [unitId, setUnitId] = useState<string>();
  const [role, setRole] = useState<Role>();
  const [hours, setHours] = useState(DEFAULT_HOURS);
  const [uses, setUses] = useState(DEFAULT_USES);
  const [errors, setErrors] = useState<{ hours?: string; uses?: string }>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<InviteDto | null>(null);
  const { qrs, showQr } = useInviteQrs();
  const [openQr, setOpenQr] = useState<string>();

  const loadTargets = useCallback(async () => {
    setLoadFailure(undefined);
    try {
      const me = await meApi.get({ toast: false });
      const subtrees: Record<string, UnitDto[]> = {};
      for (const membership of me.memberships) {
        if (membership.role === Role.Committee) {
          subtrees[membership.unit.id] = await unitsApi.all(membership.unit.id, { toast: false });
        }
      }
      const found = inviteTargets(me, subtrees);
      setTargets(found);
      const first = found.find((target) => target.id === wantedUnit) ?? found[0];
      if (first) setUnitId(first.id);
    } catch (error) {
      setLoadFailure(messageOf(error, '加载失败，请稍后重试'));
    }
  }, [wantedUnit]);

  useLoad(() => {
    if (!requireSession(withQuery(Routes.consoleInvites, { unitId: wantedUnit }))) return;
    void loadTargets();
  });

  const target = useMemo(() => targets?.find((t) => t.id === unitId), [targets, unitId]);

  // A role the chosen unit allows: keep the current one if allowed, else liaison, else the first.
  useEffect(() => {
    if (!target) return;
    setRole((current) => {
      if (current && target.roles.includes(current)) return current;
      return target.roles.includes(Role.Liaison) ? Role.Liaison : target.roles[0];
    });
  }, [target]);

  const invites = useInvites(unitId);
  const revoke = useAction(keys.invites(unitId ?? ''), (invite: InviteDto) => unitsApi.revokeInvite(invite.unit.id, invite.id, { toast: false }), {
    stale: ['invites'],
    onSuccess: (_result, invite) => {
      if (created?.id === invite.id) setCreated(null);
      if (openQr === invite.id) setOpenQr(undefined);
      Taro.showToast({ title: '已撤销', icon: 'none' });
    },
  });

  const askRevoke = async (invite: InviteDto) => {
    if (revoke.busy) return;
    const question = `撤销邀请 ${invite.code}（${ROLE_LABELS[invite.role]}）？撤销后该邀请码、链接和二维码都不能再使用，已加入的成员不受影响。`;
    if (await confirmDanger('撤销邀请', question, '撤销')) void revoke.run(invite);
  };

  const create = async () => {
    const expiresInHours = positiveInteger(hours);
    const maxUses = positiveInteger(uses);
    const found = {
      hours: expiresInHours ? undefined : '请输入大于 0 的整数（小时）',
      uses: maxUses ? undefined : '请输入大于 0 的整数',
    };
    setErrors(found);
    setFailure(undefined);
    if (!unitId || !role || !expiresInHours || !maxUses) return;
    setBusy(true);
    try {
      const invite = await invitesApi.create({ unitId, role, expiresInHours, maxUses }, { toast: false });
      setCreated(invite);
      // Shown at once, so its QR code is wanted at once.
      showQr(invite);
      // The newest comes first: back to the first page, loaded again.
      if (invites.page === 1) invites.reload();
      else invites.setPage(1);
    } catch (error) {
      setFailure(messageOf(error, '生成邀请失败，请稍后重试'));
    } finally {
      setBusy(false);
    }
  };

  if (loadFailure || !targets) return <PageStatus failure={loadFailure} onRetry={loadTargets} />;
  if (targets.length === 0) {
    return (
      <View className='page'>
        <Notice>只有安委办和联络员可以邀请成员。</Notice>
      </View>
    );
  }

  return (
    <ConsoleFrame current='invites' crumbs={[{ label: '成员与邀请' }]}>
      <View className='page invites'>
        <Section title='新建邀请'>
          <View className='field'>
            <Text className='field__label'>单位</Text>
            <OptionPicker
              options={targets.map((t) => ({ value: t.id, label: t.name, level: t.level }))}
              value={unitId}
              onChange={(id) => {
                setUnitId(id);
                setCreated(null);
                setOpenQr(undefined);
              }}
              placeholder='请选择单位'
            />
          </View>
          <View className='field'>
            <Text className='field__label'>身份</Text>
            <Choices
              options={(target?.roles ?? []).map((value) => ({ value, label: ROLE_LABELS[value] }))}
              value={role}
              onChange={setRole}
            />
          </View>
          <Field label='有效期（小时）' placeholder='72' type='number' value={hours} onChange={setHours} error={errors.hours} />
          <Field label='最多使用次数' placeholder='1' type='number' value={uses} onChange={setUses} error={errors.uses} />
          {failure ? <Notice kind='error'>{failure}</Notice> : null}
          <Button type='primary' block loading={busy} disabled={busy || !role} onClick={create}>
            生成邀请
          </Button>
        </Section>

        {created ? <CreatedInvite invite={created} qr={qrs[created.id]} onShowQr={() => showQr(created)} /> : null}

        <Section title={target ? `${target.name}的邀请` : '已发出的邀请'}>
          {invites.failure ? <Notice kind='error'>{invites.failure}</Notice> : null}
          {revoke.failure ? <Notice kind='error'>{revoke.failure}</Notice> : null}
          {invites.data ? (
            <InviteList
              invites={invites.data.items}
              qrs={qrs}
              openQr={openQr}
              onToggleQr={(invite) => {
                if (openQr === invite.id) {
                  setOpenQr(undefined);
                } else {
                  setOpenQr(invite.id);
                  showQr(invite);
                }
              }}
              onShowQr={showQr}
              revocable={target?.roles ?? []}
              onRevoke={(invite) => void askRevoke(invite)}
            />
          ) : null}
          <Pager page={invites.data} onPage={invites.setPage} />
        </Section>
      </View>
    </ConsoleFrame>
  );
}

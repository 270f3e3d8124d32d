import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { HAZARD_LIMITS, type CreateHazardRequest, type HazardCampaignDto, type HazardLocation } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Choices } from '../../../components/Choices';
import { Field } from '../../../components/Field';
import { LinkText } from '../../../components/LinkText';
import { Notice } from '../../../components/Notice';
import { OptionPicker } from '../../../components/OptionPicker';
import { PageStatus } from '../../../components/PageStatus';
import { Section } from '../../../components/Section';
import { TextArea } from '../../../components/TextArea';
import { Toggle } from '../../../components/Toggle';
import { isApiError } from '../../../api/client';
import { useAction } from '../../../api/data';
import { hazardReportsApi } from '../../../api/endpoints';
import { useHazardCampaigns } from '../../../api/resources';
import { isSignedIn } from '../../../session/tokens';
import { useUnloadWarning } from '../../../utils/useUnloadWarning';
import { Routes, withQuery } from '../../../routes';
import { useCopiesKeptOutOfStorage } from '../clipboard';
import { MediaPicker } from './MediaPicker';
import { Receipt } from './Receipt';
import { useHazardMedia } from './useHazardMedia';
import { useHazardPass } from './useHazardPass';

export const PROTECTION = '举报人信息仅指定处理人可见；匿名举报不记录任何身份信息，照片中的位置等信息会被清除';
export const NO_ACCOUNT = '无需登录，匿名举报：提交后会得到一个回执码，凭它查询进度、与处理人沟通';
export const PREPARING = '正在准备匿名举报，请稍候';

type Problems = Partial<Record<'campaign' | 'category' | 'place' | 'description', string>>;

/** The change the form makes: a new report (a named one lands in 我的隐患举报, `stale` below). */
const REPORT = ['hazard-report'] as const;

/** What the form misses before it can go. */
function problemsOf(values: { campaign?: HazardCampaignDto; category: string; place: string; description: string }): Problems {
  return {
    campaign: values.campaign ? undefined : '请选择活动',
    category: values.category ? undefined : '请选择隐患类别',
    place: values.place.trim() ? undefined : '请填写隐患所在的单位或地点',
    description: values.description.trim() ? undefined : '请描述隐患情况',
  };
}

/**
 * 隐患随手拍: anyone reports a hazard, without an account anonymously (the campaign permitting),
 * signed in anonymously or by name. An anonymous report answers a receipt code, shown once; a
 * named one opens in 我的隐患举报. Nothing of the report is stored on the phone.
 */
export default function HazardReportPage() {
  useCopiesKeptOutOfStorage();
  const [signedIn] = useState(isSignedIn);
  const campaigns = useHazardCampaigns();
  // Without an account, only the campaigns open to the public (the server says so too).
  const offered = (campaigns.data ?? []).filter((c) => signedIn || c.allowPublic);
  const [chosenId, setChosenId] = useState<string>();
  const campaign = offered.find((c) => c.id === chosenId) ?? (offered.length === 1 ? offered[0] : undefined);

  const [category, setCategory] = useState('');
  const [place, setPlace] = useState('');
  const [description, setDescription] = useState('');
  const [location, setLocation] = useState<HazardLocation>();
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState<string>();
  const [anonymousChosen, setAnonymousChosen] = useState(true);
  const [problems, setProblems] = useState<Problems>({});
  const [mediaProblem, setMediaProblem] = useState<string>();
  const [receipt, setReceipt] = useState<string>();
  const sendingRef = useRef(false);

  // Without an account a report is anonymous; signed in, anonymous only where the campaign allows it.
  const anonymous = !signedIn || Boolean(campaign?.allowAnonymous && anonymousChosen);
  // Anonymous where the campaign takes reports from its own people only: its pass, fetched now, goes
  // with the report instead of the session (campaigns open to all want none; named reports go signed in).
  const pass = useHazardPass(anonymous && campaign && !campaign.allowPublic ? campaign.id : undefined);
  const media = useHazardMedia(campaign && { campaignId: campaign.id, anonymous, pass: pass.pass });
  const room = HAZARD_LIMITS.media - media.files.length;

  const create = useAction(
    REPORT,
    ({ campaignId, body }: { campaignId: string; body: CreateHazardRequest }) => hazardReportsApi.create(campaignId, body, pass.pass, { toast: false }),
    {
      fallback: '提交失败，请稍后重试',
      // Only a named report is in 我的隐患举报: no signed-in call follows an anonymous one.
      stale: anonymous ? undefined : ['my-hazards'],
      onSuccess: (response) => {
        if (response.receiptCode) {
          media.clear();
          setReceipt(response.receiptCode);
        } else {
          void Taro.redirectTo({ url: withQuery(Routes.myHazards, { id: response.followUp.id }) });
        }
      },
    },
  );

  const dirty = Boolean(category || place || description || location || media.files.length);
  // h5: a reload would lose the report being written, or the code not yet saved.
  useUnloadWarning(Boolean(receipt) || dirty);

  /** Files went up for one campaign and one kind of report (anonymous or named): they stay with it. */
  const filesFixed = () => {
    if (media.files.length === 0) return false;
    setMediaProblem('照片和视频已按当前活动和举报方式上传：请先移除它们，再更换');
    return true;
  };

  const chooseCampaign = (id: string) => {
    if (id === campaign?.id || filesFixed()) return;
    setChosenId(id);
    const next = offered.find((c) => c.id === id);
    if (next && !next.categories.includes(category)) setCategory('');
    setProblems((current) => ({ ...current, campaign: undefined }));
  };

  const chooseAnonymous = (value: boolean) => {
    if (!filesFixed()) setAnonymousChosen(value);
  };

  const canAdd = () => {
    const problem = !campaign
      ? '请先选择活动'
      : pass.missing
        ? (pass.failure ?? PREPARING)
        : room <= 0
          ? `最多上传 ${HAZARD_LIMITS.media} 个照片或视频`
          : undefined;
    setMediaProblem(problem);
    return !problem;
  };

  const locate = async () => {
    setLocating(true);
    setLocationError(undefined);
    try {
      const { latitude, longitude } = await Taro.getLocation({ type: 'wgs84' });
      setLocation({ latitude: Math.round(latitude * 1e6) / 1e6, longitude: Math.round(longitude * 1e6) / 1e6 });
    } catch {
      setLocationError('无法获取位置：请允许使用位置信息后重试，或只填写地点');
    } finally {
      setLocating(false);
    }
  };

  const submit = async () => {
    const found = problemsOf({ campaign, category, place, description });
    setProblems(found);
    if (Object.values(found).some(Boolean) || !campaign || pass.missing || media.uploading || media.failed || sendingRef.current) return;
    sendingRef.current = true;
    try {
      const body: CreateHazardRequest = {
        place: place.trim(),
        category,
        description: description.trim(),
        mediaIds: media.mediaIds,
        ...(location ? { location } : {}),
        anonymous,
      };
      await create.run({ campaignId: campaign.id, body });
    } finally {
      sendingRef.current = false;
    }
  };

  if (receipt) return <Receipt code={receipt} />;
  if (!campaigns.data) return <PageStatus failure={campaigns.failure} onRetry={campaigns.reload} />;

  const links = (
    <View className='actions'>
      <LinkText onClick={() => void Taro.navigateTo({ url: Routes.hazardFollow })}>已有回执码？查询进度</LinkText>
      {signedIn ? <LinkText onClick={() => void Taro.navigateTo({ url: Routes.myHazards })}>我的隐患举报</LinkText> : null}
    </View>
  );

  if (offered.length === 0) {
    return (
      <View className='page hazard-report'>
        <Notice>目前没有{signedIn ? '' : '可匿名'}接受隐患举报的活动</Notice>
        {!signedIn && campaigns.data.length > 0 ? (
          <LinkText onClick={() => void Taro.navigateTo({ url: withQuery(Routes.login, { redirect: Routes.hazardReport }) })}>登录后举报</LinkText>
        ) : null}
        {links}
      </View>
    );
  }

  const { error } = create;
  const failure = create.failure && [create.failure, ...(isApiError(error) ? error.details.map((d) => d.message) : [])].join('；');
  const waiting = pass.missing && !pass.failure
    ? PREPARING
    : media.uploading
      ? '照片或视频正在上传，上传完成后才能提交'
      : media.failed
        ? '有文件上传失败：请点「重试」或移除该文件'
        : undefined;

  return (
    <View className='page hazard-report'>
      <Section title='隐患随手拍'>
        <Notice>{PROTECTION}</Notice>
        {offered.length > 1 ? (
          <View className='field'>
            <Text className='field__label'>活动</Text>
            <OptionPicker
              options={offered.map((c) => ({ value: c.id, label: `${c.title}（${c.organizingUnitName}）` }))}
              value={campaign?.id}
              onChange={chooseCampaign}
              placeholder='请选择活动'
            />
            {problems.campaign ? <Text className='field__error'>{problems.campaign}</Text> : null}
          </View>
        ) : campaign ? (
          <Text className='row__meta'>
            {campaign.title}（{campaign.organizingUnitName}）
          </Text>
        ) : null}

        {signedIn ? (
          campaign?.allowAnonymous ? (
            <View className='field'>
              <View className='choices'>
                <Toggle label='匿名举报' checked={anonymousChosen} onChange={chooseAnonymous} />
              </View>
              <Text className='muted'>
                {anonymousChosen ? '匿名：不记录您的任何身份信息，提交后凭回执码查询进度' : '实名：可在「我的隐患举报」中查看进度、与处理人沟通'}
              </Text>
            </View>
          ) : campaign ? (
            <Text className='muted'>本活动只接受实名举报：可在「我的隐患举报」中查看进度</Text>
          ) : null
        ) : (
          <Notice>{NO_ACCOUNT}</Notice>
        )}

        {campaign ? (
          <View className={`field${problems.category ? ' field--invalid' : ''}`}>
            <Text className='field__label'>隐患类别</Text>
            <Choices
              options={campaign.categories.map((c) => ({ value: c, label: c }))}
              value={category || undefined}
              onChange={(value) => {
                setCategory(value);
                setProblems((current) => ({ ...current, category: undefined }));
              }}
            />
            {problems.category ? <Text className='field__error'>{problems.category}</Text> : null}
          </View>
        ) : null}
        <Field
          label='隐患所在单位或地点'
          placeholder='如：某某公司仓库、某路口'
          value={place}
          onChange={(value) => {
            setPlace(value);
            setProblems((current) => ({ ...current, place: undefined }));
          }}
          error={problems.place}
          maxLength={HAZARD_LIMITS.placeLength}
        />
        <View className='field'>
          {location ? (
            <View className='addition'>
              <Text className='row__meta'>
                位置：{location.latitude.toFixed(5)}，{location.longitude.toFixed(5)}
              </Text>
              <Text className='link link--danger' onClick={() => setLocation(undefined)}>
                移除位置
              </Text>
            </View>
          ) : (
            <Button size='small' loading={locating} disabled={locating} onClick={() => void locate()}>
              添加当前位置（可选）
            </Button>
          )}
          {locationError ? <Text className='field__error'>{locationError}</Text> : null}
        </View>
        <TextArea
          label='隐患描述'
          placeholder='发现了什么隐患或违法违规行为'
          value={description}
          onChange={(value) => {
            setDescription(value);
            setProblems((current) => ({ ...current, description: undefined }));
          }}
          error={problems.description}
          maxLength={HAZARD_LIMITS.descriptionLength}
        />
      </Section>

      <Section title='照片和视频'>
        <MediaPicker
          files={media.files}
          room={room}
          stateOf={media.stateOf}
          canAdd={canAdd}
          onAdd={(picked) => {
            // Files beyond what a report takes are left out, and the reporter told so.
            setMediaProblem(picked.length > room ? `最多上传 ${HAZARD_LIMITS.media} 个照片或视频` : undefined);
            media.add(picked.slice(0, room));
          }}
          onRetry={media.retry}
          onRemove={(key) => {
            setMediaProblem(undefined);
            media.remove(key);
          }}
        />
        {mediaProblem ? <Notice kind='error'>{mediaProblem}</Notice> : null}
      </Section>

      {pass.failure ? (
        <View>
          <Notice kind='error'>{pass.failure}</Notice>
          <LinkText onClick={pass.retry}>重试</LinkText>
        </View>
      ) : null}
      {failure ? <Notice kind='error'>{failure}</Notice> : null}
      {waiting ? <Notice>{waiting}</Notice> : null}
      <Button type='primary' block loading={create.busy} disabled={create.busy || pass.missing || media.uploading || media.failed} onClick={() => void submit()}>
        {anonymous ? '匿名提交' : '实名提交'}
      </Button>
      {links}
    </View>
  );
}

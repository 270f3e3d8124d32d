import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  formatChinaInstant,
  ROLE_LABELS,
  classifyLogin,
  passwordProblem,
  type InvitePreview,
  type RegisterWithInviteRequest,
} from '@safemonth/shared';
import { Button } from '../../components/ui';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { Section } from '../../components/Section';
import { LinkText } from '../../components/LinkText';
import { isApiError } from '../../api/client';
import { useAction } from '../../api/data';
import { invitesApi } from '../../api/endpoints';
import { keys, useInvitePreview } from '../../api/resources';
import { acceptSignIn, signInWithWechat } from '../../session/auth';
import { isSignedIn } from '../../session/tokens';
import { Routes, withQuery } from '../../routes';
import './index.scss';


function normalizeCode(raw: string | undefined): string {
  return (raw ?? '').trim();
}

function joined(unitName: string) {
  Taro.showToast({ title: `已加入${unitName}`, icon: 'none' });
  Taro.reLaunch({ url: Routes.home });
}

type RegisterField = 'displayName' | 'login' | 'password' | 'confirm';
type RegisterErrors = Partial<Record<RegisterField, string>>;
const REGISTER_FIELDS: string[] = ['displayName', 'login', 'password', 'confirm'] satisfies RegisterField[];

/** The server's problems with fields of the registration form. */
function fieldErrors(error: unknown): RegisterErrors {
  const byField: RegisterErrors = {};
  for (const detail of isApiError(error) ? error.details : []) {
    if (detail.field && REGISTER_FIELDS.includes(detail.field)) byField[detail.field as RegisterField] = detail.message;
  }
  return byField;
}

/** h5, not signed in: create a password account with the invite. */
function RegisterForm({ preview }: { preview: InvitePreview }) {
  const [values, setValues] = useState({ displayName: '', login: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<RegisterErrors>({});
  const register = useAction(keys.me, (body: RegisterWithInviteRequest) => invitesApi.register(body, { toast: false }), {
    fallback: '注册失败，请稍后重试',
    onSuccess: (response) => {
      acceptSignIn(response);
      joined(preview.unit.name);
    },
    // Field problems the server found go under their fields; anything else above the button.
    onError: (error) => setErrors(fieldErrors(error)),
  });

  const set = (field: RegisterField) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const validate = (): RegisterErrors => {
    const classified = classifyLogin(values.login);
    return {
      displayName: values.displayName.trim() === '' ? '请输入姓名' : undefined,
      login: 'error' in classified ? classified.error : undefined,
      password: passwordProblem(values.password),
      confirm: values.confirm !== values.password ? '两次输入的密码不一致' : undefined,
    };
  };

  const submit = () => {
    const found = validate();
    setErrors(found);
    register.reset();
    if (Object.values(found).some(Boolean)) return;
    void register.run({
      code: preview.code,
      displayName: values.displayName.trim(),
      login: values.login.trim(),
      password: values.password,
    });
  };
  // A failure the fields show already is not said again.
  const failure = Object.keys(fieldErrors(register.error)).length === 0 ? register.failure : undefined;

  const backHere = withQuery(Routes.invite, { code: preview.code });

  return (
    <Section title='注册新账号'>
      <Field label='姓名' placeholder='姓名' value={values.displayName} onChange={set('displayName')} error={errors.displayName} maxLength={32} />
      <Field label='用户名或手机号' placeholder='用户名或手机号' value={values.login} onChange={set('login')} error={errors.login} maxLength={32} />
      <Field label='密码' placeholder='设置密码（至少 8 位）' password value={values.password} onChange={set('password')} error={errors.password} maxLength={72} />
      <Field label='确认密码' placeholder='再次输入密码' password value={values.confirm} onChange={set('confirm')} error={errors.confirm} maxLength={72} />
      {failure ? <Notice kind='error'>{failure}</Notice> : null}
      <Button type='primary' block loading={register.busy} disabled={register.busy} onClick={submit}>
        注册并加入
      </Button>
      <View className='invite__alt'>
        <LinkText onClick={() => Taro.navigateTo({ url: withQuery(Routes.login, { redirect: backHere }) })}>
          已有账号？登录后加入
        </LinkText>
      </View>
    </Section>
  );
}

/** Signed in (or on weapp, signing in with WeChat first): redeem the invite. */
function JoinButton({ preview, signedIn }: { preview: InvitePreview; signedIn: boolean }) {
  const join = useAction(
    keys.me,
    async () => {
      if (!isSignedIn()) await signInWithWechat({ toast: false });
      return invitesApi.redeem(preview.code, { toast: false });
    },
    { fallback: '加入失败，请稍后重试', onSuccess: () => joined(preview.unit.name) },
  );

  return (
    <View>
      {join.failure ? <Notice kind='error'>{join.failure}</Notice> : null}
      <Button type='primary' block loading={join.busy} disabled={join.busy} onClick={() => void join.run()}>
        {signedIn ? '加入' : '微信登录并加入'}
      </Button>
    </View>
  );
}

export default function InvitePage() {
  const router = useRouter();
  const initialCode = normalizeCode(router.params.code);
  const [typed, setTyped] = useState(initialCode);
  const [code, setCode] = useState(initialCode);
  const [codeProblem, setCodeProblem] = useState<string>();
  const preview = useInvitePreview(code);
  const signedIn = isSignedIn();

  const lookUp = () => {
    const next = normalizeCode(typed);
    setCodeProblem(next ? undefined : '请输入邀请码');
    if (!next) return;
    // The same code again (e.g. after a network failure) is looked up anew.
    if (next === code) preview.reload();
    else setCode(next);
  };

  const failure = codeProblem ?? preview.failure;
  const showCodeForm = !preview.data && !preview.loading;

  return (
    <View className='page invite'>
      {preview.loading ? <Text className='muted'>正在查询邀请…</Text> : null}

      {failure ? <Notice kind='error'>{failure}</Notice> : null}

      {preview.data ? (
        <View>
          <Section title='邀请您加入'>
            <Text className='invite__unit'>{preview.data.unit.name}</Text>
            <View className='invite__facts'>
              <Text>身份：{ROLE_LABELS[preview.data.role]}</Text>
              <Text>有效期至：{formatChinaInstant(preview.data.expiresAt)}</Text>
            </View>
          </Section>
          {signedIn || process.env.TARO_ENV === 'weapp' ? (
            <Section>
              <JoinButton preview={preview.data} signedIn={signedIn} />
            </Section>
          ) : (
            <RegisterForm preview={preview.data} />
          )}
        </View>
      ) : null}

      {showCodeForm ? (
        <Section title='输入邀请码'>
          <Field label='邀请码' placeholder='请输入邀请码' value={typed} onChange={setTyped} maxLength={32} />
          <Button type='primary' block onClick={lookUp}>
            查看邀请
          </Button>
        </Section>
      ) : null}

      {signedIn ? (
        <View className='invite__alt'>
          <LinkText onClick={() => Taro.reLaunch({ url: Routes.home })}>返回首页</LinkText>
        </View>
      ) : null}
    </View>
  );
}

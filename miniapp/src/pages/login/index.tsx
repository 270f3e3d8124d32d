import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { classifyLogin, passwordProblem } from '@safemonth/shared';
import { Button } from '../../components/ui';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { LinkText } from '../../components/LinkText';
import { useAction } from '../../api/data';
import { keys } from '../../api/resources';
import { signInWithPassword, signInWithWechat } from '../../session/auth';
import { safeRedirect } from '../../session/redirect';
import { Routes } from '../../routes';
import './index.scss';


function PasswordForm({ onSignedIn }: { onSignedIn: () => void }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ login?: string; password?: string }>({});
  const signIn = useAction(keys.me, () => signInWithPassword(login, password, { toast: false }), {
    fallback: '登录失败，请稍后重试',
    onSuccess: onSignedIn,
  });

  const submit = () => {
    const classified = classifyLogin(login);
    const next = {
      login: 'error' in classified ? classified.error : undefined,
      password: passwordProblem(password),
    };
    setErrors(next);
    signIn.reset();
    if (!next.login && !next.password) void signIn.run();
  };

  return (
    <View className='login__form'>
      <Field
        label='用户名或手机号'
        placeholder='用户名或手机号'
        value={login}
        onChange={(value) => {
          setLogin(value);
          setErrors((current) => ({ ...current, login: undefined }));
        }}
        error={errors.login}
        maxLength={32}
      />
      <Field
        label='密码'
        placeholder='密码'
        password
        value={password}
        onChange={(value) => {
          setPassword(value);
          setErrors((current) => ({ ...current, password: undefined }));
        }}
        error={errors.password}
        maxLength={72}
      />
      {signIn.failure ? <Notice kind='error'>{signIn.failure}</Notice> : null}
      <Button type='primary' block loading={signIn.busy} disabled={signIn.busy} onClick={submit}>
        登录
      </Button>
    </View>
  );
}

function WechatSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const signIn = useAction(keys.me, () => signInWithWechat({ toast: false }), {
    fallback: '登录失败，请稍后重试',
    onSuccess: onSignedIn,
  });

  return (
    <View className='login__form'>
      {signIn.failure ? <Notice kind='error'>{signIn.failure}</Notice> : null}
      <Button type='primary' block loading={signIn.busy} disabled={signIn.busy} onClick={() => void signIn.run()}>
        微信一键登录
      </Button>
    </View>
  );
}

export default function LoginPage() {
  const router = useRouter();
  const redirect = safeRedirect(router.params.redirect);

  const onSignedIn = () => {
    Taro.reLaunch({ url: redirect ?? Routes.home });
  };

  return (
    <View className='page login'>
      <View className='login__brand'>
        <Text className='login__title'>安全月</Text>
        <Text className='login__subtitle'>安全生产月活动填报与管理</Text>
      </View>
      {process.env.TARO_ENV === 'weapp' ? <WechatSignIn onSignedIn={onSignedIn} /> : <PasswordForm onSignedIn={onSignedIn} />}
      <View className='login__footer'>
        <Text className='muted'>没有账号？请使用单位发来的邀请链接或邀请码加入。</Text>
        <LinkText onClick={() => Taro.navigateTo({ url: Routes.invite })}>输入邀请码</LinkText>
      </View>
      {/* Reachable without an account: anyone may report a hazard (anonymously) and follow it by its receipt code. */}
      <View className='login__footer'>
        <Text className='muted'>发现安全隐患或违法违规行为？无需账号，可匿名举报。</Text>
        <LinkText onClick={() => Taro.navigateTo({ url: Routes.hazardReport })}>隐患随手拍 / 匿名举报</LinkText>
        <LinkText onClick={() => Taro.navigateTo({ url: Routes.hazardFollow })}>凭回执码查询举报进度</LinkText>
      </View>
    </View>
  );
}

import Taro from '@tarojs/taro';

/** Asks before a change that cannot be undone (the confirm button in red); true when confirmed. */
export async function confirmDanger(title: string, content: string, confirmText: string): Promise<boolean> {
  const answer = await Taro.showModal({ title, content, confirmText, confirmColor: '#c62828', cancelText: '取消' }).catch(() => ({ confirm: false }));
  return answer.confirm;
}

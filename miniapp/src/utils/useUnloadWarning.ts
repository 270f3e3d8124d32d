import { useEffect } from 'react';

/** h5: while `unsaved`, a refresh or closing the tab asks the browser's own question first. */
export function useUnloadWarning(unsaved: boolean): void {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || !unsaved) return;
    const ask = (event: Event) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);
}

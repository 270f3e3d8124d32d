import { AppConfig } from '../../config/config';

/** An app page (`/subpackages/…?…`) as an address in the h5 app (hash routing), for links outside the mini program. */
export function appUrl(config: Pick<AppConfig, 'publicBaseUrl'>, link: string): string {
  return `${config.publicBaseUrl}/#${link.startsWith('/') ? link : `/${link}`}`;
}

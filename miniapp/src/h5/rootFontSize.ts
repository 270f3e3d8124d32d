/**
 * h5: sets the root font size that the build's rem sizes are based on. Taro does this with an
 * inline script in index.html, but the server's Content-Security-Policy (`script-src 'self'`)
 * blocks inline scripts, so the app does it when it starts instead.
 *
 * Same rule as Taro's script for designWidth 750 (config/index.ts): 40 px per rem on a 750 px wide
 * screen, scaled with the screen's shorter side, kept between 20 px (phones) and 24 px (desktop,
 * so the committee's console is not drawn at twice a phone's size).
 */
export const MIN_ROOT_SIZE = 20;
export const MAX_ROOT_SIZE = 24;

export function rootFontSize(width: number, height: number): number {
  const sides = [width, height].filter((side) => side > 0);
  const shorter = sides.length ? Math.min(...sides) : 375;
  return Math.min(Math.max((40 * shorter) / 750, MIN_ROOT_SIZE), MAX_ROOT_SIZE);
}

export function fitRootFontSize(): void {
  const apply = () => {
    const root = document.documentElement;
    const { width, height } = root.getBoundingClientRect();
    root.style.fontSize = `${rootFontSize(width, height)}px`;
  };
  apply();
  window.addEventListener('resize', () => {
    apply();
    setTimeout(apply, 500);
  });
}

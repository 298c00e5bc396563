import type { DemoSettings } from '../demo-settings.interface';

/**
 * The origin the person's browser uses for this application, for the return URLs: `PUBLIC_URL` when set (behind a
 * proxy, or on a public https address), else the address the demo listens on. Never the request's `Host` header:
 * a visitor could point another person's return URL anywhere with it.
 */
export function appOrigin(settings: Pick<DemoSettings, 'publicUrl' | 'localOrigin'>): string {
  return settings.publicUrl ? new URL(settings.publicUrl).origin : settings.localOrigin;
}

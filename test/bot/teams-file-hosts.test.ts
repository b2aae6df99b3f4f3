import { describe, expect, it } from 'vitest';
import { isTeamsFileHost } from '../../bot/teams-file-hosts';

describe('the hosts Teams gives file download links on', () => {
  it.each([
    ['contoso.sharepoint.com', 'worldwide and GCC SharePoint'],
    ['contoso-my.sharepoint.com', 'worldwide and GCC OneDrive for Business'],
    ['contoso.sharepoint.us', 'GCC High SharePoint'],
    ['contoso-my.sharepoint.us', 'GCC High OneDrive for Business'],
    ['contoso.sharepoint-mil.us', 'DoD SharePoint'],
    ['contoso-my.sharepoint-mil.us', 'DoD OneDrive for Business'],
    ['contoso.dps.mil', 'DoD SharePoint on dps.mil'],
    ['contoso.sharepoint.cn', 'SharePoint operated by 21Vianet'],
    ['contoso-my.sharepoint.cn', 'OneDrive for Business operated by 21Vianet'],
    ['CONTOSO-my.SharePoint.COM', 'any case'],
    ['contoso.sharepoint.com.', 'with the root’s trailing dot'],
  ])('accepts %s (%s)', (host) => {
    expect(isTeamsFileHost(host)).toBe(true);
  });

  it.each([
    'sharepoint.com',
    '.sharepoint.com',
    'a..sharepoint.com',
    'evil-sharepoint.com',
    'contoso.evil-sharepoint.com',
    'contososharepoint.com',
    'sharepoint.com.evil.example',
    'contoso.sharepoint.com.evil.example',
    'contoso.sharepoint.com..',
    'contoso.sharepoint.co',
    'contoso.sharepoint.us.evil.example',
    'contoso.notsharepoint-mil.us',
    'dps.mil',
    'contoso.sharepoint.cn.com',
    'onedrive.live.com',
    'contoso.1drv.ms',
    'graph.microsoft.com',
    'smba.trafficmanager.net',
    '127.0.0.1',
    '[::1]',
    '',
  ])('refuses %s', (host) => {
    expect(isTeamsFileHost(host)).toBe(false);
  });

  it('matches the host names the URL parser gives, whatever the link spelt', () => {
    const hostOf = (url: string): string => new URL(url).hostname;
    expect(isTeamsFileHost(hostOf('https://CONTOSO-MY.SHAREPOINT.COM./personal/x'))).toBe(true);
    expect(isTeamsFileHost(hostOf('https://contoso.sharepoint.com%2E/x'))).toBe(true);
    expect(isTeamsFileHost(hostOf('https://contoso.sharepoint.com%2Eevil.example/x'))).toBe(false);
    expect(isTeamsFileHost(hostOf('https://contoso.sharepoint.com\u3002evil.example/x'))).toBe(
      false,
    );
  });
});

/**
 * The domains whose hosts hold the files Teams gives a bot download links to. A file sent to a bot
 * in a personal chat is first uploaded to the sender's OneDrive for Business, and the
 * `file.download.info` attachment's `downloadUrl` is a pre-authenticated link there, on the
 * tenant's SharePoint host (Learn: "Send and receive files using bot"). Those hosts per cloud, from
 * Learn's Microsoft 365 endpoint lists, "SharePoint Online and OneDrive for Business":
 * - worldwide, GCC included: `<tenant>.sharepoint.com`, `<tenant>-my.sharepoint.com`
 *   ("Microsoft 365 URLs and IP address ranges", ID 31);
 * - GCC High: `*.sharepoint.us` ("Microsoft 365 U.S. Government GCC High endpoints", ID 9);
 * - DoD: `*.sharepoint-mil.us`, `*.dps.mil` ("Microsoft 365 U.S. Government DoD endpoints", ID 9);
 * - operated by 21Vianet: `*.sharepoint.cn` ("Microsoft 365 operated by 21Vianet endpoints", ID 4).
 * The same Learn page on files says bots do not yet send or receive files in GCC High, DoD and
 * 21Vianet; their hosts are listed so a tenant there is served once Teams does. OneDrive personal
 * (onedrive.live.com, 1drv.ms) is not listed: bots take files from work or school accounts only.
 */
export const TEAMS_FILE_DOMAINS: readonly string[] = [
  'sharepoint.com',
  'sharepoint.us',
  'sharepoint-mil.us',
  'dps.mil',
  'sharepoint.cn',
];

/**
 * True when `hostname` is a host under one of TEAMS_FILE_DOMAINS: matched whole label by whole
 * label, whatever the case and with or without the root's trailing dot, so `evil-sharepoint.com`,
 * `sharepoint.com.evil.example` and `sharepoint.com` itself are not.
 */
export function isTeamsFileHost(hostname: string): boolean {
  const labels = hostname.toLowerCase().replace(/\.$/, '').split('.');
  return TEAMS_FILE_DOMAINS.some((domain) => {
    const domainLabels = domain.split('.');
    const tenantLabels = labels.slice(0, labels.length - domainLabels.length);
    return (
      tenantLabels.length > 0 &&
      tenantLabels.every((label) => label !== '') &&
      labels.slice(-domainLabels.length).join('.') === domain
    );
  });
}

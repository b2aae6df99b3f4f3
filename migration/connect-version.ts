/** A version of Entra Connect (or Azure AD Connect, Azure AD Sync) as the product prints it: four dotted numbers. */
export type ConnectVersion = string;

const fourPart = /^\d{1,9}\.\d{1,9}\.\d{1,9}\.\d{1,9}$/;

/** True for a four-part version such as `2.5.79.0`. */
export function isConnectVersion(text: string): boolean {
  return fourPart.test(text);
}

/** Orders versions part by part as numbers (2.4.131.0 is newer than 2.4.27.0); missing parts count as 0. */
export function compareVersions(a: ConnectVersion, b: ConnectVersion): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < 4; index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** The major version: 1 for V1 (Azure AD Connect), 2 for V2. */
export function majorVersionOf(version: ConnectVersion): number {
  return Number(version.split('.')[0]);
}

import type { ConnectVersion } from '../connect-version';
import { absentEvidence, parsedEvidence, type EvidenceParse } from './evidence-parse';
import { normalizePastedText } from './pasted-text';

/** A version read from text, and how it was found. */
export interface VersionText {
  version: ConnectVersion;
  /** The words that named it (`Version`, `azureADConnectVersion`, ...), or `plain` for a bare version. */
  source: string;
}

// Entra Connect majors are 1 and 2 (room for a few more); 6.3.9600.0 and 10.0.x.x are Windows, 192.168.x.x an address.
const versionPattern = /(?<![\d.])([1-5])\.(\d{1,3})\.(\d{1,5})\.(\d{1,5})(?!\.?\d)/g;
const namingWords =
  /(azureADConnectVersion|ServerConfigurationVersion|DisplayVersion|ProductVersion|FileVersion|Version|Connect|Sync)\W{0,6}$/i;

/**
 * Reads the Entra Connect version from Help > About text, a plain version, a JSON fragment with
 * `policyMetadata.azureADConnectVersion`, registry or global settings output. Several different
 * versions without one of them named as "the version" is ambiguous and reported as such.
 */
export function parseVersionText(text: string): EvidenceParse<VersionText> {
  const normalized = normalizePastedText(text);
  const candidates = [...normalized.matchAll(versionPattern)].map((match) => {
    const before = normalized.slice(Math.max(0, match.index - 60), match.index);
    const named = namingWords.exec(before);
    return { version: match[0], source: named?.[1] ?? 'plain' };
  });
  const distinct = [...new Set(candidates.map((candidate) => candidate.version))];
  if (distinct.length === 0) {
    return absentEvidence('No Entra Connect version (four numbers such as 2.5.79.0) was found.');
  }
  const first = candidates[0];
  if (distinct.length === 1 && first !== undefined) return parsedEvidence(first);
  const named = candidates.filter((candidate) => candidate.source !== 'plain');
  const namedVersions = [...new Set(named.map((candidate) => candidate.version))];
  const chosen = named[0];
  if (namedVersions.length === 1 && chosen !== undefined) return parsedEvidence(chosen);
  return absentEvidence(
    `Several different versions were found (${distinct.join(', ')}); send only the version of the Entra Connect server.`,
  );
}

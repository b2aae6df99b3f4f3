import { describe, expect, it } from 'vitest';
import { addMonths } from '../../migration/calendar-date';
import { compareVersions } from '../../migration/connect-version';
import {
  assessConnectVersion,
  connectReleases,
  newestReleaseOn,
  retirementMonths,
} from '../../migration/version-policy';

describe('compareVersions', () => {
  it.each([
    ['2.4.131.0', '2.4.27.0', 1],
    ['2.5.79.0', '2.5.79.0', 0],
    ['1.6.16.0', '2.0.88.0', -1],
    ['2.5.190.0', '2.6.1.0', -1],
    ['2.5.79', '2.5.79.0', 0],
  ])('compares %s with %s as %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(-expected || 0);
  });
});

describe('the release table', () => {
  it('lists releases oldest first', () => {
    const versions = connectReleases.map((release) => release.version);

    expect([...versions].sort(compareVersions)).toEqual(versions);
  });

  it('agrees with the 12-month rule wherever both dates are stated or derived from it', () => {
    // 2.3.x were aligned with 2.4.18.0 and 2.1.20.0 predates the table: Learn states those dates outright.
    const aligned = new Set(['2.1.20.0', '2.3.2.0', '2.3.6.0', '2.3.8.0', '2.3.20.0']);
    const available = connectReleases.filter((release) => release.recalledInFavourOf === undefined);
    available.forEach((release, index) => {
      const successor = available[index + 1];
      if (aligned.has(release.version) || release.endOfSupport === undefined) return;
      if (successor?.released === undefined) return;
      expect(release.endOfSupport, release.version).toBe(
        addMonths(successor.released, retirementMonths),
      );
    });
  });
});

describe('assessConnectVersion', () => {
  it.each([
    ['1.6.16.0', '2026-11-21', { kind: 'v1' }],
    ['2.2.1.0', '2026-11-21', { kind: 'retired', endOfSupport: '2024-10-11' }],
    ['2.5.79.0', '2026-10-23', { kind: 'supported', endOfSupport: '2026-10-23' }],
    ['2.5.79.0', '2026-10-24', { kind: 'retired', endOfSupport: '2026-10-23' }],
    ['2.6.92.0', '2026-11-21', { kind: 'supported' }],
    ['2.6.79.0', '2026-11-21', { kind: 'recalled', replacement: '2.6.84.0' }],
    ['2.7.3.0', '2026-11-21', { kind: 'newer-than-known', newestKnown: '2.6.92.0' }],
    ['3.0.1.0', '2026-11-21', { kind: 'newer-than-known', newestKnown: '2.6.92.0' }],
    // Not in the table: 12 months after the next known release (2.5.190.0, 23 Oct 2025).
    ['2.5.100.0', '2026-10-01', { kind: 'supported', endOfSupport: '2026-10-23' }],
    ['2.5.100.0', '2026-11-21', { kind: 'retired', endOfSupport: '2026-10-23' }],
    // Superseded before the policy started: retired on 15 March 2023 at the earliest.
    ['2.0.88.0', '2023-03-14', { kind: 'supported', endOfSupport: '2023-03-15' }],
  ])('judges %s on %s', (version, today, support) => {
    expect(assessConnectVersion(version, today).support).toEqual(support);
  });

  it.each([
    ['2.5.76.0', '2026-09-29', false, false],
    ['2.5.76.0', '2026-09-30', false, true],
    ['2.5.79.0', '2026-09-30', true, true],
    ['2.7.3.0', '2026-09-30', true, true],
  ])('holds %s against the enforced minimum on %s', (version, today, meets, inForce) => {
    const assessment = assessConnectVersion(version, today);

    expect(assessment.meetsEnforcedMinimum).toBe(meets);
    expect(assessment.enforcedMinimumInForce).toBe(inForce);
  });

  it.each([
    ['2.5.79.0', '2026-12-07', false, false],
    ['2.6.3.0', '2027-04-07', false, false],
    ['2.6.3.0', '2027-04-08', false, true],
    ['2.6.84.0', '2027-04-08', true, true],
    ['2.6.92.0', '2026-12-07', true, false],
  ])(
    'holds %s against the 2.6.84.0 target of 7 April 2027 on %s',
    (version, today, meets, passed) => {
      const assessment = assessConnectVersion(version, today);

      expect(assessment.meetsApplicationAuthenticationTarget).toBe(meets);
      expect(assessment.applicationAuthenticationTargetPassed).toBe(passed);
    },
  );

  it.each([
    ['1.5.30.0', 'migrate-settings'],
    ['1.5.42.0', 'wizard-export'],
    ['1.6.16.0', 'wizard-export'],
    ['1.1.880.0', 'migrate-settings'],
  ])('exports %s with %s', (version, method) => {
    expect(assessConnectVersion(version, '2026-11-21').configExport).toBe(method);
  });

  it.each([
    ['2.3.8.0', false],
    ['2.3.20.0', true],
    ['2.4.129.0', true],
    ['2.4.131.0', false],
  ])('requires TLS 1.2 before installing %s: %s', (version, required) => {
    expect(assessConnectVersion(version, '2026-11-21').tls12RequiredBeforeInstall).toBe(required);
  });
});

describe('newestReleaseOn', () => {
  it.each([
    ['2026-11-21', '2.6.92.0'],
    ['2026-09-20', '2.6.91.0'],
    // 2.6.79.0 was recalled: it is never the release to install.
    ['2026-06-30', '2.6.3.0'],
  ])('on %s is %s', (today, version) => {
    expect(newestReleaseOn(today).version).toBe(version);
  });
});

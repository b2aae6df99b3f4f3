import { describe, expect, it } from 'vitest';
import { evaluateCheckpoint } from '../../../migration/evaluate-checkpoint';
import { readEventEntries } from '../../../migration/evidence/event-log';
import { recognizePastedErrors } from '../../../migration/evidence/pasted-errors';
import { normalizePastedText } from '../../../migration/evidence/pasted-text';
import { item, messages, on } from '../support/evidence-builders';
import { fixtureSection, flattened, realFixture, withoutHeader } from '../support/real-fixtures';

const entriesOf = (text: string) => readEventEntries(normalizePastedText(text));
const section = (name: string, letter: string) => fixtureSection(realFixture(name), letter);
const forms = 'outputs-05-eventlog-powershell-forms.txt';

describe('readEventEntries, on real published events in every form', () => {
  it("reads Event Viewer's copied details: source, id, level, time, machine and the whole description", () => {
    const [entry, ...rest] = entriesOf(
      realFixture('phs-01-event-611-rpc-1722-server-unavailable.txt'),
    );

    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      form: 'event-viewer',
      source: 'Directory Synchronization',
      id: 611,
      level: 'Error',
      logName: 'Application',
    });
    expect(entry?.message).toMatch(
      /^Password hash synchronization failed for domain: contoso\.com/,
    );
    expect(entry?.message).toContain('RPC Error 1722');
  });

  it('reads the same event when Teams joined its lines', () => {
    const [entry] = entriesOf(
      flattened(withoutHeader(realFixture('phs-01-event-611-rpc-1722-server-unavailable.txt'))),
    );

    expect(entry).toMatchObject({ source: 'Directory Synchronization', id: 611, level: 'Error' });
  });

  it('reads a copy whose fields come in another order, with Details: for the description', () => {
    const entries = entriesOf(realFixture('engine-09-export-error-6941-duplicate-attribute.txt'));

    expect(entries.map((entry) => [entry.source, entry.id, entry.level])).toEqual([
      ['ADSync', 6941, 'Error'],
      ['ADSync', 6941, 'Error'],
    ]);
    expect(entries[1]?.message).toContain('Error Name: InvalidSoftMatch');
  });

  it("keeps an event's trailer (a build number after blank lines) in its description", () => {
    const [entry] = entriesOf(realFixture('engine-06-tvp-utf8-beta-6301.txt'));

    expect(entry?.message).toContain('Azure AD Sync 1.5.45.0');
  });

  it('reads Get-EventLog as a table, with the event id out of an InstanceID that carries severity bits', () => {
    const entries = entriesOf(section(forms, 'A'));

    expect(entries.map((entry) => [entry.form, entry.source, entry.id, entry.level])).toEqual([
      ['get-eventlog-table', 'DCOM', 10016, 'Error'],
      ['get-eventlog-table', 'DCOM', 10016, 'Error'],
      ['get-eventlog-table', 'Service Control...', 7040, 'Information'],
      ['get-eventlog-table', 'DCOM', 10016, 'Error'],
      ['get-eventlog-table', 'Microsoft-Windows...', 35, 'Information'],
    ]);
  });

  it('reads Get-EventLog as a list', () => {
    expect(entriesOf(section(forms, 'B'))).toMatchObject([
      {
        form: 'get-eventlog-list',
        source: 'DCOM',
        id: 10016,
        level: 'Error',
        computer: 'localhost',
      },
    ]);
  });

  it('reads Get-WinEvent as a table under its ProviderName line', () => {
    const entries = entriesOf(section(forms, 'C'));

    expect(entries.map((entry) => [entry.form, entry.source, entry.id, entry.level])).toEqual([
      ['get-winevent-table', 'PowerShell', 403, 'Information'],
      ['get-winevent-table', 'PowerShell', 400, 'Information'],
      ['get-winevent-table', 'PowerShell', 600, 'Information'],
      ['get-winevent-table', 'PowerShell', 600, 'Information'],
      ['get-winevent-table', 'PowerShell', 600, 'Information'],
    ]);
  });

  // No real published Get-WinEvent list or XML view of a sync event exists (see the fixture's
  // header): these are the forms Windows prints, filled with the real 611 event's fields.
  it('reads Get-WinEvent as a list, with the lines that continue its message', () => {
    const text = [
      'TimeCreated  : 1/21/2020 9:00:55 AM',
      'ProviderName : Directory Synchronization',
      'Id           : 611',
      'LevelDisplayName : Error',
      'Message      : Password hash synchronization failed for domain: contoso.com, domain controller',
      '               hostname: DC01.contoso.com.',
    ].join('\n');

    expect(entriesOf(text)).toMatchObject([
      {
        form: 'get-winevent-list',
        source: 'Directory Synchronization',
        id: 611,
        level: 'Error',
        message:
          'Password hash synchronization failed for domain: contoso.com, domain controller\nhostname: DC01.contoso.com.',
      },
    ]);
  });

  it("reads Event Viewer's XML view", () => {
    const text =
      '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Directory Synchronization" /><EventID Qualifiers="0">611</EventID><Level>2</Level><TimeCreated SystemTime="2020-01-21T09:00:55.000Z" /><Channel>Application</Channel><Computer>EntraConnect.contoso.com</Computer></System><EventData><Data>Password hash synchronization failed for domain: contoso.com &amp; more</Data></EventData></Event>';

    expect(entriesOf(text)).toMatchObject([
      {
        form: 'xml',
        source: 'Directory Synchronization',
        id: 611,
        level: 'Error',
        computer: 'EntraConnect.contoso.com',
        message: 'Password hash synchronization failed for domain: contoso.com & more',
      },
    ]);
    expect(recognizePastedErrors(text).map((error) => error.id)).toContain('phs-611-generic');
  });

  it('reads no entry from outputs that merely name a source or an id', () => {
    for (const name of [
      '01a-get-adsyncscheduler-staging-off-sync-enabled-2025.txt',
      '02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt',
      '05-systeminfo-server-2016-and-2022.txt',
      '12c-run-profile-result-no-start-connection.txt',
    ]) {
      expect(entriesOf(realFixture(name)), name).toEqual([]);
    }
  });
});

describe('events the catalogue does not know', () => {
  it('keep a step undecided when they are errors, naming the event', () => {
    const judgment = evaluateCheckpoint(
      'monitoring',
      [item(section(forms, 'B'))],
      on('2026-12-07'),
    );

    expect(judgment.status).toBe('unknown');
    expect(messages(judgment, 'warning').join(' ')).toContain(
      'Event 10016 from DCOM (Error) is not one the evaluator knows',
    );
  });

  it('raise nothing when they only inform', () => {
    expect(recognizePastedErrors(section(forms, 'C'))).toEqual([]);
  });
});

describe('a version named in an event', () => {
  it('is a fact about the server that logged it, reported below 2.5.79.0, never the version the step asks for', () => {
    const judgment = evaluateCheckpoint(
      'source-version',
      [item(realFixture('engine-06-tvp-utf8-beta-6301.txt'))],
      on('2026-12-07'),
    );

    expect(judgment.status).not.toBe('pass');
    expect(Object.values(judgment.facts)).not.toContain('1.5.45.0');
    expect(messages(judgment, 'warning').join(' ')).toContain(
      'Event 6301 names Entra Connect 1.5.45.0 on AADConnect.contoso.com: below 2.5.79.0, it stopped synchronizing on 2026-09-30.',
    );
  });
});

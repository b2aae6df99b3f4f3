// The shapes of text an admin can paste or upload as evidence, grown to any size from the real
// outputs in test/fixtures/real: long lines, lines padded with blanks, Format-Table and Format-List
// output, the HTML and XML Teams or Event Viewer leave around it, a configuration export, and the
// attack built for each regular expression (evidence-regexes.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  largeExportSpec,
  oldInstall,
  syntheticExport,
} from '../test/fixtures/synthetic/config-export-builder';
import { attackText, type RegexProbe } from './evidence-regexes';

const fixtures = fileURLToPath(new URL('../test/fixtures/', import.meta.url));

/** One evidence fixture as stored: the real outputs keep their provenance header. */
export interface EvidenceFixture {
  name: string;
  text: string;
}

/** Every real output (test/fixtures/real) and every synthetic export or output (test/fixtures/synthetic). */
export function evidenceFixtures(): EvidenceFixture[] {
  return ['real', 'synthetic'].flatMap((folder) =>
    readdirSync(`${fixtures}${folder}`)
      .filter((name) => name.endsWith('.txt') || name.endsWith('.json'))
      .sort()
      .map((name) => ({
        name: `${folder}/${name}`,
        text: readFileSync(`${fixtures}${folder}/${name}`, 'utf8'),
      })),
  );
}

function fixture(name: string): string {
  return readFileSync(`${fixtures}real/${name}`, 'utf8');
}

/** A real output without its `#` provenance lines. */
function output(name: string): string {
  return fixture(name)
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');
}

/** `unit` repeated until the text holds about `bytes` characters. */
function grown(unit: string, bytes: number): string {
  return unit.repeat(Math.max(1, Math.round(bytes / unit.length))).slice(0, Math.max(bytes, 1));
}

const settings = output('02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt');
const scheduler = output('01a-get-adsyncscheduler-staging-off-sync-enabled-2025.txt');
const tls12 = output('04b-tls12-check-real-outputs-not-configured-and-configured.txt');
const systeminfo = output('05-systeminfo-server-2016-and-2022.txt');
const runProfile = output('12c-run-profile-result-no-start-connection.txt');
const mixed = [settings, scheduler, tls12, systeminfo, runProfile].join('\n');

/** A shape of evidence text: a name, what it is, and the text at a size. */
export interface EvidenceShape {
  name: string;
  what: string;
  text: (bytes: number) => string;
}

const lineLimit = 256 * 1024;

const baseShapes: EvidenceShape[] = [
  {
    name: 'long-lines',
    what: 'real outputs whose line breaks were lost, in lines of up to 256 KB',
    text: (bytes) => {
      const flat = mixed.replace(/\s*\n\s*/g, ' ');
      const line = grown(`${flat} `, Math.min(bytes, lineLimit));
      return grown(`${line}\n`, bytes);
    },
  },
  {
    name: 'one-line',
    what: 'real outputs whose line breaks were all lost: the whole text on one line',
    text: (bytes) => grown(`${mixed.replace(/\s*\n\s*/g, ' ')} `, bytes),
  },
  {
    name: 'blank-padded',
    what: 'real outputs as Out-File writes them: every line padded to 300 columns, blank lines of spaces between',
    text: (bytes) =>
      grown(
        mixed
          .split('\n')
          .map((line) => `${line.padEnd(300)}\n${' '.repeat(300)}\n`)
          .join(''),
        bytes,
      ),
  },
  {
    name: 'format-table',
    what: 'one Format-Table block (Get-ADSyncConnectorRunStatus, Get-Service) with as many rows as fit',
    text: (bytes) => {
      const header =
        'PS C:\\> Get-ADSyncConnectorRunStatus\n\nRunState ConnectorName          \n-------- -------------          \n';
      const row = 'Busy     contoso.com            \nIdle     contoso.onmicrosoft.com - AAD\n';
      return header + grown(row, bytes - header.length);
    },
  },
  {
    name: 'format-list',
    what: 'Format-List name/value runs (Get-ADSyncScheduler, Get-ADSyncRunProfileResult) repeated',
    text: (bytes) => grown(`${scheduler}\n${runProfile}\n`, bytes),
  },
  {
    name: 'markup',
    what: 'real outputs inside the HTML Teams delivers (<div>, <p>, <br>, &nbsp;) and Event Viewer XML',
    text: (bytes) => {
      const html = mixed
        .split('\n')
        .map((line) => `<p>${line.replace(/ /g, '&nbsp;').replace(/</g, '&lt;')}<br/></p>`)
        .join('');
      const xml =
        '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="ADSync" /><EventID Qualifiers="0">6100</EventID><Level>4</Level><TimeCreated SystemTime="2026-12-07T10:00:00.000Z" /><Computer>SYNC01.contoso.com</Computer></System><EventData><Data>The management agent completed run profile.</Data></EventData></Event>\n';
      return grown(`<div>${html}</div>\n${xml}`, bytes);
    },
  },
  {
    name: 'config-export',
    what: 'a synchronization policy export (JSON) of this size',
    text: (bytes) => JSON.stringify(syntheticExport(largeExportSpec(bytes), oldInstall)),
  },
];

/** The shapes every size is measured on, with one attack per expression probed. */
export function evidenceShapes(probes: readonly RegexProbe[]): EvidenceShape[] {
  const worst = [...probes].sort((a, b) => b.largeMs - a.largeMs).slice(0, 3);
  return [
    ...baseShapes,
    {
      name: 'adversarial-all',
      what: `the attack built for each of the ${String(probes.length)} regular expressions, one after another`,
      text: (bytes) =>
        probes
          .map((probe) => attackText(probe.attack, Math.max(16, Math.floor(bytes / probes.length))))
          .join('\n'),
    },
    ...worst.map((probe) => ({
      name: `adversarial ${probe.where}`,
      what: `the attack built for ${String(probe.regex).slice(0, 80)} alone`,
      text: (bytes: number) => attackText(probe.attack, bytes),
    })),
  ];
}

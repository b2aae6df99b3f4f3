import { describe, expect, it } from 'vitest';
import { evaluateCheckpoint } from '../../../migration/evaluate-checkpoint';
import {
  netBiosNameOf,
  readComputerNames,
  sameComputer,
} from '../../../migration/evidence/computer-name';
import type { EvaluationContext } from '../../../migration/evidence/evidence-item';
import { item, messages, remediations } from '../support/evidence-builders';
import { realFixture, realFixtureNames, withoutHeader } from '../support/real-fixtures';

const servers = { old: 'AADC01', new: 'AADC-NEW01.contoso.com' };
const context: EvaluationContext = { today: '2026-11-23', servers };
const stagingOn = withoutHeader(realFixture(realFixtureNames.schedulerStagingOn));
const from = (server: string, text = stagingOn): string => `ComputerName : ${server}\n${text}`;

describe('readComputerNames', () => {
  it.each([
    [
      'the line the cards print first',
      'ComputerName : AADC01\nStagingModeEnabled : True',
      ['AADC01'],
    ],
    [
      'the prompt that echoes the command, then its output',
      'PS C:\\> "ComputerName : $env:COMPUTERNAME"\nComputerName : AADC-NEW01',
      ['AADC-NEW01'],
    ],
    [
      'systeminfo',
      'Host Name:                 RELEVANT\nOS Name:                   Microsoft Windows Server 2016',
      ['RELEVANT'],
    ],
    [
      'Get-ComputerInfo',
      'CsName                : SYNC02\nWindowsProductName    : Windows Server 2022 Standard',
      ['SYNC02'],
    ],
    [
      'a remote command',
      'PSComputerName RunspaceId                           Result\n-------------- ----------                           ------\naad            5703d8b7-2758-4bff-94d3-a81ea758eeb1 Success',
      ['aad'],
    ],
    [
      'the same computer twice, once as an FQDN',
      'ComputerName : AADC01\nPSComputerName : aadc01.contoso.com',
      ['aadc01.contoso.com'],
    ],
    ['nothing', 'StagingModeEnabled : True', []],
  ])('reads %s', (_case, text, names) => {
    expect(readComputerNames(text)).toEqual(names);
  });

  it('compares names as Windows does: first label, any case, at most 15 characters', () => {
    expect(sameComputer('AADC-NEW01.contoso.com', 'aadc-new01')).toBe(true);
    expect(netBiosNameOf('entra-connect-sync-new.contoso.com')).toBe('ENTRA-CONNECT-S');
    expect(sameComputer('ENTRA-CONNECT-S', 'entra-connect-sync-new')).toBe(true);
    expect(sameComputer('AADC01', 'AADC-NEW01')).toBe(false);
  });
});

describe('every output is tied to the server it came from', () => {
  it('passes an output from the server the step runs on', () => {
    expect(evaluateCheckpoint('old-server-staging', [item(from('AADC01'))], context).status).toBe(
      'pass',
    );
    expect(
      evaluateCheckpoint('old-server-staging', [item(from('aadc01.contoso.com'))], context).status,
    ).toBe('pass');
  });

  it('fails an output from the other server of the migration, saying what it is', () => {
    const judgment = evaluateCheckpoint('old-server-staging', [item(from('AADC-NEW01'))], context);

    expect(judgment.status).toBe('fail');
    expect(messages(judgment, 'error')).toEqual([
      'This came from AADC-NEW01, not AADC01: the output is from the new server of this migration.',
    ]);
    expect(remediations(judgment)).toContain('Run the commands of this step on AADC01');
  });

  it('fails the old server’s output at a step that runs on the new server', () => {
    const judgment = evaluateCheckpoint('target-install', [item(from('AADC01'))], context);

    expect(messages(judgment, 'error')).toContain(
      'This came from AADC01, not AADC-NEW01.contoso.com: the output is from the old server of this migration.',
    );
  });

  it('warns on an output that names no server, and on one from a server the migration does not know', () => {
    const unnamed = evaluateCheckpoint('old-server-staging', [item(stagingOn)], context);
    const stranger = evaluateCheckpoint('old-server-staging', [item(from('DC01'))], context);

    expect(unnamed.status).toBe('warn');
    expect(messages(unnamed, 'warning')).toContain(
      'The output does not say which server it came from; this step runs on AADC01.',
    );
    expect(stranger.status).toBe('warn');
    expect(messages(stranger, 'warning')).toContain(
      'This came from DC01, which is neither AADC01 nor AADC-NEW01.contoso.com.',
    );
  });

  it('forgets an output from the wrong server once the same output comes from the right one', () => {
    const judgment = evaluateCheckpoint(
      'old-server-staging',
      [item(from('AADC-NEW01')), item(from('AADC01'))],
      context,
    );

    expect(judgment.status).toBe('pass');
  });

  it('keeps an undecided judgment undecided: a missing name never turns unknown into a warning', () => {
    const judgment = evaluateCheckpoint('old-server-staging', [item('Result : Success')], context);

    expect(judgment.status).toBe('unknown');
  });

  it('leaves uploaded settings and steps without a server alone, and checks nothing without server names', () => {
    const answers = item('{"method":"phs","seamlessSso":false}', 'answers.json');

    expect(
      evaluateCheckpoint('sign-in-settings', [answers], context).findings.some((f) =>
        f.message.includes('which server'),
      ),
    ).toBe(false);
    expect(
      evaluateCheckpoint('old-server-staging', [item(stagingOn)], { today: '2026-11-23' }).status,
    ).toBe('pass');
  });
});

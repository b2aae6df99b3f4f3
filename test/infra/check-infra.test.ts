import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkInfra, parseDiagnostics } from '../../scripts/bicep.mjs';
import { functionAppSettings, settingProblems } from './support/app-settings-contract';
import { COMPILE_TIMEOUT_MS, deploy } from './support/compiled-infra';

const projectRoot = path.resolve(__dirname, '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'check-infra-test-'));

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A copy of infra/ with one file changed; fails when the change does not apply. */
function brokenCopy(name: string, file: string, from: string, to: string): string {
  const copy = path.join(work, name);
  cpSync(path.join(projectRoot, 'infra'), copy, { recursive: true });
  const target = path.join(copy, file);
  const source = readFileSync(target, 'utf8');
  expect(source).toContain(from);
  writeFileSync(target, source.replace(from, to));
  return copy;
}

describe('npm run check:infra', () => {
  it(
    'rejects a resource property Azure does not have, naming it',
    async () => {
      const infra = brokenCopy(
        'unknown-property',
        'modules/storage.bicep',
        '    allowSharedKeyAccess: false\n',
        '    allowSharedKeyAccess: false\n    notAProperty: true\n',
      );
      const result = await checkInfra({
        main: path.join(infra, 'main.bicep'),
        out: path.join(infra, 'main.json'),
      });
      expect(result.ok).toBe(false);
      // Bicep only warns about it (BCP037): the check treats every warning as a failure.
      expect(result.problems).toEqual([
        expect.stringMatching(
          /^modules[\\/]storage\.bicep\(\d+,\d+\) Warning BCP037: The property "notAProperty" is not allowed/,
        ),
      ]);
    },
    COMPILE_TIMEOUT_MS,
  );

  it(
    'builds a template that lacks a required setting, which the settings contract then names',
    async () => {
      const infra = brokenCopy(
        'missing-setting',
        'main.bicep',
        '  AzureWebJobsStorage__accountName: storage.outputs.name\n',
        '',
      );
      const result = await checkInfra({
        main: path.join(infra, 'main.bicep'),
        out: path.join(infra, 'main.json'),
      });
      // Valid Bicep: only the contract with platform/config can tell.
      expect(result.problems).toEqual([]);
      const settings = functionAppSettings(deploy(result.template));
      expect(settingProblems(settings)).toEqual([
        expect.stringContaining('AzureWebJobsStorage__accountName'),
      ]);
    },
    COMPILE_TIMEOUT_MS,
  );
});

describe('parseDiagnostics', () => {
  it('reads errors, warnings and linter findings with their place', () => {
    const output = [
      '/work/infra/main.bicep(12,5) : Warning BCP037: The property "x" is not allowed on objects of type "y".',
      '/work/infra/main.bicep(3,1) : Error no-unused-params: Parameter "p" is declared but never used. [https://aka.ms/bicep/linter-diagnostics#no-unused-params]',
      'Build succeeded.',
    ].join('\n');
    expect(parseDiagnostics(output)).toEqual([
      {
        file: '/work/infra/main.bicep',
        line: 12,
        column: 5,
        level: 'Warning',
        code: 'BCP037',
        message: 'The property "x" is not allowed on objects of type "y".',
      },
      {
        file: '/work/infra/main.bicep',
        line: 3,
        column: 1,
        level: 'Error',
        code: 'no-unused-params',
        message:
          'Parameter "p" is declared but never used. [https://aka.ms/bicep/linter-diagnostics#no-unused-params]',
      },
    ]);
  });
});

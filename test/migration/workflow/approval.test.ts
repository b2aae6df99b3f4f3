import { describe, expect, it } from 'vitest';
import { decisionIdOf, decisionRight } from '../../../migration/workflow/approval';

const owner = { id: '29:owner', aadObjectId: 'owner-oid', name: 'Alex Wilber' };
const approvers = [
  { id: 'megan-oid', name: 'Megan Bowen' },
  { id: 'lee.gu@contoso.com', name: 'lee.gu@contoso.com' },
];

describe('who may decide the cutover', () => {
  it('allows a named approver by object id', () => {
    expect(
      decisionRight({ aadObjectId: 'megan-oid', name: 'Megan' }, approvers, owner),
    ).toMatchObject({ allowed: true });
  });

  it('allows an approver named by sign-in name when Teams gives the same UPN, in any case', () => {
    const user = { aadObjectId: 'lee-oid', name: 'Lee', userPrincipalName: 'Lee.Gu@Contoso.com' };
    expect(decisionRight(user, approvers, owner)).toMatchObject({
      allowed: true,
      approver: { id: 'lee.gu@contoso.com' },
    });
  });

  it('refuses someone who is not an approver', () => {
    const right = decisionRight({ aadObjectId: 'eve-oid', name: 'Eve' }, approvers, owner);
    expect(right).toEqual({
      allowed: false,
      reason: expect.stringContaining('Only the approvers'),
    });
  });

  it('refuses the requester even when they are also listed as an approver (four-eyes)', () => {
    const right = decisionRight(
      { aadObjectId: 'owner-oid', name: 'Alex' },
      [...approvers, { id: 'owner-oid' }],
      owner,
    );
    expect(right).toEqual({ allowed: false, reason: expect.stringContaining('four-eyes') });
  });

  it('gives each approval round its own decision id', () => {
    expect(decisionIdOf('m1', 1)).not.toBe(decisionIdOf('m1', 2));
  });
});

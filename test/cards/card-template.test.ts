import { describe, expect, it } from 'vitest';
import { expandCardTemplate } from '../../cards/card-template';

const greeting = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Hello ${name}' },
    { type: 'TextBlock', $when: '${shown}', text: 'Shown only when asked' },
  ],
} as const;

describe('card templates expanded many times', () => {
  it('expands one template again and again, each time with only its own data', () => {
    const alex = expandCardTemplate('greeting', greeting, { name: 'Alex', shown: true });
    const megan = expandCardTemplate('greeting', greeting, { name: 'Megan', shown: false });

    expect(alex.body).toEqual([
      { type: 'TextBlock', text: 'Hello Alex' },
      { type: 'TextBlock', text: 'Shown only when asked' },
    ]);
    expect(megan.body).toEqual([{ type: 'TextBlock', text: 'Hello Megan' }]);
    expect(expandCardTemplate('greeting', greeting, { name: 'Alex', shown: true })).toEqual(alex);
    expect(greeting.body[0].text).toBe('Hello ${name}');
  });

  it('still refuses data without a field the template uses, after expanding it with that field', () => {
    expandCardTemplate('greeting', greeting, { name: 'Alex', shown: true });

    expect(() => expandCardTemplate('greeting', greeting, { shown: true })).toThrow(
      'The greeting card template refers to data its view does not provide.',
    );
  });
});

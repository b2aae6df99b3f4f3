import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { z } from 'zod';
import { parseDuration } from './duration';
import type { InputValue } from './card-inputs';
import {
  playgroundCurrentUser,
  playgroundTenant,
  playgroundUsers,
  type TeamsUser,
} from './playground-identities';

/** Where a person acts: their personal chat with the bot, or a named group chat or channel. */
export type Place =
  | { readonly kind: 'personal'; readonly user: TeamsUser }
  | {
      readonly kind: 'groupChat' | 'channel';
      readonly name: string;
      readonly id: string;
      readonly tenant: string;
    };

/** What an `expect` step checks among the items the bot sent. */
export interface Expectation {
  /** `card`/`text`/`any`: some item of that kind contains every `contains` string and no `not` string. */
  readonly kind: 'card' | 'text' | 'any' | 'nothing' | 'absent';
  readonly contains: readonly string[];
  readonly not: readonly string[];
  /** Only items sent into this place. */
  readonly to: Place | undefined;
  /** Look at the last N items the bot sent, instead of those the previous step caused. */
  readonly within: number | undefined;
  /** Exactly this many items must match. */
  readonly count: number | undefined;
  /** Only items in this named thread of the `to` channel. */
  readonly thread: string | undefined;
}

/** How a message is posted in a group chat or channel. */
export interface Posting {
  /** False: the message does not @mention the bot, so Teams does not send it to the bot. */
  readonly mention: boolean;
  /** A channel thread by name: the first post under a name starts it, later ones reply in it. */
  readonly thread: string | undefined;
}

interface StepBase {
  /** 1-based position in the file's steps. */
  readonly index: number;
  readonly line: number;
}

/** One resolved step: every name looked up, every file read, every duration parsed. */
export type ScenarioStep = StepBase &
  (
    | ({
        readonly kind: 'say';
        readonly user: TeamsUser;
        readonly place: Place;
        readonly text: string;
      } & Posting)
    | ({
        readonly kind: 'paste';
        readonly user: TeamsUser;
        readonly place: Place;
        readonly file: string;
        readonly text: string;
      } & Posting)
    | {
        readonly kind: 'upload';
        readonly user: TeamsUser;
        readonly file: string;
        readonly name: string;
        readonly content: Buffer;
      }
    | { readonly kind: 'install'; readonly user: TeamsUser; readonly place: Place }
    | {
        readonly kind: 'submit' | 'click';
        readonly user: TeamsUser;
        readonly place: Place;
        /** The button's title; for submit, optional when the card has one Action.Submit. */
        readonly button: string | undefined;
        /** Text the card must contain. */
        readonly card: string | undefined;
        readonly values: Readonly<Record<string, InputValue>>;
      }
    | {
        readonly kind: 'advance';
        readonly by: number | undefined;
        readonly until: Date | undefined;
        /** As written in the file. */
        readonly label: string;
      }
    | { readonly kind: 'restart' }
    | {
        /** The next sends into a place answer with an error, as Teams' connector does. */
        readonly kind: 'connector';
        readonly place: Place;
        readonly status: number;
        readonly code: string;
        readonly message: string;
        readonly retryAfterSeconds: number | undefined;
        readonly times: number;
      }
    | { readonly kind: 'expect'; readonly expectation: Expectation }
  );

/** A scenario file, validated and resolved. */
export interface Scenario {
  readonly name: string;
  readonly description: string | undefined;
  /** Absolute path of the file. */
  readonly file: string;
  readonly start: Date;
  /** IANA zone the transcript shows times in. */
  readonly timeZone: string;
  /** App settings (environment variables) applied before the app starts. */
  readonly settings: Readonly<Record<string, string>>;
  /** Who acts when a step names nobody. */
  readonly defaultUser: TeamsUser;
  /** Everyone the scenario can name: declared users and the Playground's mock users. */
  readonly users: readonly TeamsUser[];
  readonly conversations: readonly Place[];
  readonly steps: readonly ScenarioStep[];
}

/** A scenario file that cannot be used; `problems` name the step, line and field of each. */
export class ScenarioFileError extends Error {
  override readonly name = 'ScenarioFileError';

  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file} is not a usable scenario:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const text = z.string().trim().min(1, 'must not be empty');
const strings = z
  .union([text, z.array(text).min(1)])
  .transform((v) => (Array.isArray(v) ? v : [v]));
const instant = z.iso.datetime({
  offset: true,
  message: 'expected an ISO 8601 date and time with a zone, such as 2026-11-18T14:30:00Z',
});
const duration = z.union([z.string(), z.number()]).transform((value, context) => {
  const ms = parseDuration(String(value));
  if (ms === undefined) {
    context.addIssue({
      code: 'custom',
      message: `"${String(value)}" is not a duration: write 48h, 3d, 2d16h30m or ISO 8601 such as PT48H (months and years have no fixed length)`,
    });
    return z.NEVER;
  }
  return { ms, label: String(value) };
});
const inputValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.union([z.string(), z.number()])),
]);
const where = { as: text.optional(), in: text.optional() };
const posting = { mention: z.boolean().optional(), thread: text.optional() };

/** What Teams' connector answers a send with, when it refuses: its error code and message. */
export const connectorErrors: Readonly<Record<number, { code: string; message: string }>> = {
  403: { code: 'MessageWritesBlocked', message: 'Thread is blocked from receiving messages.' },
  404: { code: 'ConversationNotFound', message: 'Conversation not found.' },
  413: { code: 'MessageSizeTooBig', message: 'Message size too large.' },
  429: { code: 'TooManyRequests', message: 'Too many requests.' },
  500: { code: 'ServiceError', message: 'Unknown error.' },
  502: { code: 'ServiceError', message: 'Bad gateway.' },
  503: { code: 'ServiceUnavailable', message: 'Service unavailable.' },
};
const connectorStatuses = Object.keys(connectorErrors).map(Number);
/** Messages of the other codes Teams answers sends with. */
const connectorCodeMessages: Readonly<Record<string, string>> = {
  BotNotInConversationRoster: 'The bot is not part of the conversation roster.',
  ConversationBlockedByUser: 'User blocked the conversation with the bot.',
};

const expectSchema = z
  .strictObject({
    card: strings.optional(),
    text: strings.optional(),
    contains: strings.optional(),
    nothing: z.literal(true).optional(),
    not: strings.optional(),
    to: text.optional(),
    thread: text.optional(),
    within: z.int().min(1).optional(),
    count: z.int().min(0).optional(),
  })
  .refine((e) => {
    const positive = [e.card, e.text, e.contains, e.nothing].filter((v) => v !== undefined);
    return positive.length === 1 || (positive.length === 0 && e.not !== undefined);
  }, 'give exactly one of card, text, contains or nothing (or not alone: no item may contain those strings)')
  .refine(
    (e) => e.nothing === undefined || (e.not === undefined && e.count === undefined),
    'nothing takes no not or count',
  );

/**
 * Each step kind: the mapping form's schema, and how a scalar (or empty) value reads as that
 * mapping, so `- say: status` means `- say: { text: status }`.
 */
const stepForms = {
  say: {
    schema: z.strictObject({ text, ...where, ...posting }),
    short: (v: unknown) => ({ text: v }),
  },
  paste: {
    // `from`: the server the output was run on, printed first as the cards' first command does.
    schema: z.strictObject({ file: text, from: text.optional(), ...where, ...posting }),
    short: (v: unknown) => ({ file: v }),
  },
  upload: {
    // Bots receive files only in personal chats, so an upload has no `in`.
    schema: z.strictObject({ file: text, name: text.optional(), as: text.optional() }),
    short: (v: unknown) => ({ file: v }),
  },
  install: {
    schema: z.strictObject(where),
    short: (v: unknown) => (v === null ? {} : { as: v }),
  },
  submit: {
    schema: z.strictObject({
      values: z.record(z.string(), inputValue).optional(),
      card: text.optional(),
      button: text.optional(),
      ...where,
    }),
    short: (v: unknown) => (v === null ? {} : v),
  },
  click: {
    schema: z.strictObject({
      button: text,
      card: text.optional(),
      values: z.record(z.string(), inputValue).optional(),
      ...where,
    }),
    short: (v: unknown) => ({ button: v }),
  },
  advance: {
    // One object with a refinement, not a union: a union's issues do not say which field is wrong.
    schema: z
      .strictObject({ by: duration.optional(), until: instant.optional() })
      .refine((a) => (a.by === undefined) !== (a.until === undefined), 'give by or until'),
    short: (v: unknown) => ({ by: v }),
  },
  restart: { schema: z.strictObject({}), short: (v: unknown) => (v === null ? {} : v) },
  connector: {
    schema: z.strictObject({
      to: text,
      status: z.union(
        connectorStatuses.map((status) => z.literal(status)) as unknown as [
          z.ZodLiteral<number>,
          z.ZodLiteral<number>,
          ...z.ZodLiteral<number>[],
        ],
        { message: `status is one of ${connectorStatuses.join(', ')}` },
      ),
      code: text.optional(),
      retryAfter: duration.optional(),
      times: z.int().min(1).max(20).optional(),
    }),
    short: (v: unknown) => v,
  },
  expect: {
    schema: expectSchema,
    short: (v: unknown) => (v === 'nothing' ? { nothing: true } : { contains: v }),
  },
} as const;

type StepKind = keyof typeof stepForms;
const stepKinds = Object.keys(stepForms) as StepKind[];

const userSchema = z.strictObject({
  name: text,
  id: text.optional(),
  aadObjectId: text.optional(),
  tenant: text.optional(),
  upn: z
    .email({ message: 'expected a sign-in name such as megan.bowen@contoso.example' })
    .optional(),
  appInstalled: z.boolean().optional(),
});

const conversationSchema = z.strictObject({
  name: text,
  type: z.enum(['groupChat', 'channel']),
  id: text.optional(),
  tenant: text.optional(),
});

const fileSchema = z.strictObject({
  name: text,
  description: z.string().optional(),
  start: instant,
  timeZone: text
    .refine((zone) => isTimeZone(zone), 'expected an IANA time zone such as Europe/Berlin')
    .optional(),
  settings: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    // Checked here rather than as the record's key schema, whose issues do not say what is wrong.
    .superRefine((settings, context) => {
      for (const name of Object.keys(settings)) {
        const message =
          name === 'AzureWebJobsStorage'
            ? 'the runner sets AzureWebJobsStorage itself'
            : /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
              ? undefined
              : 'setting names are environment variable names';
        if (message !== undefined) context.addIssue({ code: 'custom', path: [name], message });
      }
    })
    .optional(),
  users: z.array(userSchema).min(1).optional(),
  conversations: z.array(conversationSchema).optional(),
  steps: z.array(z.unknown()).min(1, 'a scenario needs at least one step'),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/** Options for loading: the project root, against which `test/fixtures/...` paths also resolve. */
export interface LoadOptions {
  readonly root: string;
}

/** Reads, validates and resolves a scenario file; throws ScenarioFileError listing every problem. */
export function loadScenarioFile(file: string, options: LoadOptions): Scenario {
  const absolute = path.resolve(file);
  const shown = path.relative(options.root, absolute) || absolute;
  if (!existsSync(absolute) || !statSync(absolute).isFile()) {
    throw new ScenarioFileError(shown, ['the file does not exist']);
  }
  return parseScenario(readFileSync(absolute, 'utf8'), { ...options, file: absolute });
}

/** Validates and resolves scenario YAML as if read from `file`; throws ScenarioFileError. */
export function parseScenario(
  source: string,
  options: LoadOptions & { readonly file: string },
): Scenario {
  const shown = path.relative(options.root, options.file) || options.file;
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new ScenarioFileError(
      shown,
      document.errors.map(
        (e) => `line ${String(lines.linePos(e.pos[0]).line)}: ${e.message.split('\n')[0] ?? ''}`,
      ),
    );
  }
  const lineOf = (at: readonly (string | number)[]): number => {
    // The deepest node that exists along the path carries the nearest line.
    for (let depth = at.length; depth >= 0; depth--) {
      const node: unknown = document.getIn(at.slice(0, depth), true);
      if (isNode(node) && node.range !== undefined && node.range !== null) {
        return lines.linePos(node.range[0]).line;
      }
    }
    return 1;
  };
  const problems: string[] = [];
  const report = (at: readonly (string | number)[], where: string, message: string): void => {
    problems.push(`line ${String(lineOf(at))}: ${where}${message}`);
  };

  const parsed = fileSchema.safeParse(document.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      report(at, at.length === 0 ? '' : `${at.join('.')}: `, issue.message);
    }
    throw new ScenarioFileError(shown, problems);
  }
  const raw = parsed.data;
  const resolver = new NameResolver(raw.users ?? [], raw.conversations ?? [], (i, m) => {
    report(['users', i], `users[${String(i)}]: `, m);
  });
  const steps: ScenarioStep[] = [];
  raw.steps.forEach((value, position) => {
    const step = resolveStep(value, position, {
      resolver,
      fileDir: path.dirname(options.file),
      root: options.root,
      lineOf,
      report,
    });
    if (step !== undefined) steps.push(step);
  });
  if (problems.length > 0) throw new ScenarioFileError(shown, problems);
  return {
    name: raw.name,
    description: raw.description,
    file: options.file,
    start: new Date(raw.start),
    timeZone: raw.timeZone ?? 'UTC',
    settings: Object.fromEntries(
      Object.entries(raw.settings ?? {}).map(([name, value]) => [name, String(value)]),
    ),
    defaultUser: resolver.defaultUser,
    users: resolver.users,
    conversations: resolver.conversations,
    steps,
  };
}

/** Looks up the people and conversations a scenario names. */
class NameResolver {
  readonly users: TeamsUser[];
  readonly conversations: Place[];
  readonly defaultUser: TeamsUser;

  constructor(
    declared: readonly z.infer<typeof userSchema>[],
    conversations: readonly z.infer<typeof conversationSchema>[],
    report: (index: number, message: string) => void,
  ) {
    const resolved = declared.flatMap((user, index): TeamsUser[] => {
      const known = playgroundUsers.find((p) => p.name.toLowerCase() === user.name.toLowerCase());
      const id = user.id ?? known?.id;
      const aadObjectId = user.aadObjectId ?? known?.aadObjectId;
      if (id === undefined || aadObjectId === undefined) {
        report(
          index,
          `"${user.name}" is not one of the Playground's users (${playgroundUsers.map((p) => p.name).join(', ')}), so give its id and aadObjectId`,
        );
        return [];
      }
      return [
        {
          name: user.name,
          id,
          aadObjectId,
          tenant: user.tenant ?? known?.tenant ?? playgroundTenant,
          upn: user.upn,
          appInstalled: user.appInstalled ?? true,
        },
      ];
    });
    const declaredNames = new Set(resolved.map((user) => user.name.toLowerCase()));
    this.users = [
      ...resolved,
      ...playgroundUsers.filter((user) => !declaredNames.has(user.name.toLowerCase())),
    ];
    this.defaultUser = resolved[0] ?? playgroundCurrentUser;
    this.conversations = conversations.map((c) => ({
      kind: c.type,
      name: c.name,
      id: c.id ?? `${c.type === 'channel' ? '19:' : '19:group-'}${slug(c.name)}@thread.tacv2`,
      tenant: c.tenant ?? this.defaultUser.tenant,
    }));
  }

  user(name: string | undefined): TeamsUser | string {
    if (name === undefined) return this.defaultUser;
    return (
      this.users.find((u) => u.name.toLowerCase() === name.toLowerCase()) ??
      `no user is called "${name}"; known users: ${this.users.map((u) => u.name).join(', ')}`
    );
  }

  place(name: string | undefined, user: TeamsUser): Place | string {
    if (name === undefined) return { kind: 'personal', user };
    return (
      this.conversations.find(
        (c) => c.kind !== 'personal' && c.name.toLowerCase() === name.toLowerCase(),
      ) ??
      `no conversation is called "${name}"; declare it under conversations (${this.conversations.length === 0 ? 'none declared' : this.conversations.map((c) => (c.kind === 'personal' ? '' : c.name)).join(', ')})`
    );
  }

  /** A user's personal chat, or a named conversation. */
  target(name: string): Place | string {
    const place = this.place(name, this.defaultUser);
    if (typeof place !== 'string') return place;
    const user = this.user(name);
    return typeof user === 'string'
      ? `"${name}" is neither a user nor a declared conversation`
      : { kind: 'personal', user };
  }
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

interface StepContext {
  readonly resolver: NameResolver;
  readonly fileDir: string;
  readonly root: string;
  readonly lineOf: (at: readonly (string | number)[]) => number;
  readonly report: (at: readonly (string | number)[], where: string, message: string) => void;
}

function resolveStep(
  value: unknown,
  position: number,
  context: StepContext,
): ScenarioStep | undefined {
  const at = ['steps', position];
  const base = { index: position + 1, line: context.lineOf(at) };
  const fail = (
    message: string,
    kind?: StepKind,
    field: readonly (string | number)[] = [],
  ): void => {
    const where = `step ${String(base.index)}${kind === undefined ? '' : ` (${kind})`}: `;
    const fieldPath = kind === undefined ? [] : [kind, ...field];
    const prefix = field.length > 0 ? `${field.join('.')}: ` : '';
    context.report([...at, ...fieldPath], where, `${prefix}${message}`);
  };
  const entry =
    typeof value === 'string'
      ? ([value, null] as const)
      : isMapping(value) && Object.keys(value).length === 1
        ? Object.entries(value)[0]
        : undefined;
  const kind = stepKinds.find((k) => k === entry?.[0]);
  if (entry === undefined || kind === undefined) {
    fail(
      `a step is one kind with its value, such as "- say: start migration"; kinds: ${stepKinds.join(', ')}`,
    );
    return undefined;
  }
  const body: unknown = entry[1];
  const form = stepForms[kind];
  const parsed = form.schema.safeParse(isMapping(body) ? body : form.short(body));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      fail(
        issue.message,
        kind,
        issue.path.filter((p) => typeof p !== 'symbol'),
      );
    }
    return undefined;
  }
  // TypeScript cannot correlate `kind` with the schema picked by it, so the pair is asserted here.
  const step = resolveFields({ kind, data: parsed.data } as ParsedStep, context);
  if (typeof step === 'string') {
    fail(step, kind);
    return undefined;
  }
  return { ...base, ...step };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A step's kind with its data as its schema parsed it. */
type ParsedStep = {
  [K in StepKind]: { readonly kind: K; readonly data: z.infer<(typeof stepForms)[K]['schema']> };
}[StepKind];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type ResolvedStep = DistributiveOmit<ScenarioStep, 'index' | 'line'>;

function resolveFields(step: ParsedStep, context: StepContext): ResolvedStep | string {
  const { resolver } = context;
  switch (step.kind) {
    case 'restart':
      return { kind: 'restart' };
    case 'advance':
      return step.data.by !== undefined
        ? { kind: 'advance', by: step.data.by.ms, until: undefined, label: step.data.by.label }
        : {
            kind: 'advance',
            by: undefined,
            until: new Date(step.data.until ?? ''),
            label: `until ${step.data.until ?? ''}`,
          };
    case 'connector': {
      const place = resolver.target(step.data.to);
      if (typeof place === 'string') return `to: ${place}`;
      const known = connectorErrors[step.data.status];
      const code = step.data.code ?? known?.code ?? 'ServiceError';
      return {
        kind: 'connector',
        place,
        status: step.data.status,
        code,
        message:
          code === known?.code
            ? known.message
            : (connectorCodeMessages[code] ?? `The request was refused (${code}).`),
        retryAfterSeconds:
          step.data.retryAfter === undefined ? undefined : step.data.retryAfter.ms / 1000,
        times: step.data.times ?? 1,
      };
    }
    case 'expect': {
      const e = step.data;
      const to = e.to === undefined ? undefined : resolver.target(e.to);
      if (typeof to === 'string') return `to: ${to}`;
      if (e.thread !== undefined && to?.kind !== 'channel') {
        return 'thread: a thread is in a channel: give the channel as to';
      }
      const kind =
        e.nothing === true
          ? 'nothing'
          : e.card !== undefined
            ? 'card'
            : e.text !== undefined
              ? 'text'
              : e.contains !== undefined
                ? 'any'
                : 'absent';
      return {
        kind: 'expect',
        expectation: {
          kind,
          contains: [...(e.card ?? []), ...(e.text ?? []), ...(e.contains ?? [])],
          not: e.not ?? [],
          to,
          within: e.within,
          count: e.count,
          thread: e.thread,
        },
      };
    }
    default:
      break;
  }
  const user = resolver.user(step.data.as);
  if (typeof user === 'string') return `as: ${user}`;
  const place = resolver.place('in' in step.data ? step.data.in : undefined, user);
  if (typeof place === 'string') return `in: ${place}`;
  const postingOf = (data: {
    mention?: boolean | undefined;
    thread?: string | undefined;
  }): Posting | string => {
    if (data.mention === false && place.kind === 'personal') {
      return 'mention: a personal chat needs no @mention: give in with a group chat or channel';
    }
    if (data.thread !== undefined && place.kind !== 'channel') {
      return 'thread: threads are in channels: give in with a channel';
    }
    return { mention: data.mention ?? true, thread: data.thread };
  };
  switch (step.kind) {
    case 'say': {
      const how = postingOf(step.data);
      if (typeof how === 'string') return how;
      return { kind: 'say', user, place, text: step.data.text, ...how };
    }
    case 'install':
      return { kind: 'install', user, place };
    case 'submit':
      return {
        kind: 'submit',
        user,
        place,
        button: step.data.button,
        card: step.data.card,
        values: step.data.values ?? {},
      };
    case 'click':
      return {
        kind: 'click',
        user,
        place,
        button: step.data.button,
        card: step.data.card,
        values: step.data.values ?? {},
      };
    case 'paste': {
      const found = findFile(step.data.file, context);
      if ('problem' in found) return `file: ${found.problem}`;
      // A paste never carries a byte-order mark, whatever the file it was copied from had.
      const pasted = readFileSync(found.file, 'utf8').replace(/^\uFEFF/, '');
      const from = step.data.from;
      const text = from === undefined ? pasted : `${computerNameLine(from)}\n${pasted}`;
      const how = postingOf(step.data);
      if (typeof how === 'string') return how;
      return { kind: 'paste', user, place, file: found.file, text, ...how };
    }
    case 'upload': {
      const found = findFile(step.data.file, context);
      if ('problem' in found) return `file: ${found.problem}`;
      const name = step.data.name ?? path.basename(found.file);
      return { kind: 'upload', user, file: found.file, name, content: readFileSync(found.file) };
    }
  }
}

/** What the cards' first command prints on a server. */
export function computerNameLine(server: string): string {
  return `ComputerName : ${server}`;
}

/** A file named relative to the scenario file, or to the project root (`test/fixtures/...`). */
function findFile(name: string, context: StepContext): { file: string } | { problem: string } {
  const candidates = path.isAbsolute(name)
    ? [name]
    : [path.resolve(context.fileDir, name), path.resolve(context.root, name)];
  const file = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  if (file !== undefined) return { file };
  const looked = candidates.map((c) => path.relative(context.root, c) || c).join(' and ');
  return { problem: `"${name}" not found (looked for ${looked})` };
}

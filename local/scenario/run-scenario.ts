import { z } from 'zod';
import {
  startAppHost,
  type AppHost,
  type ConnectorCall,
  type DurableEngineKind,
} from '../app-host';
import type { RuntimeLogger } from '../runtime-logger';
import { fillInputs } from './card-inputs';
import { cardButtons, cardLines, type CardButton } from './card-reading';
import { formatDuration } from './duration';
import { checkExpectation, describeExpectation } from './expectation';
import { startFileServer, type FileDownload, type FileServer } from './file-server';
import type { Place, Scenario, ScenarioStep } from './scenario-file';
import { conversationBase } from './playground-identities';
import {
  conversationIdOf,
  executeActivity,
  fileActivity,
  installActivities,
  messageActivity,
  placeName,
  placeOfConversation,
  submitActivity,
  type ActivityContext,
} from './teams-activities';
import type { BotItem, ShownCard, TranscriptItem } from './transcript';

/** How to run a scenario. */
export interface RunOptions {
  /** The project root: the app is started from its package.json `main`. */
  readonly root: string;
  /** Called with each transcript item as it happens, so a long run can be watched. */
  readonly onItem?: (item: TranscriptItem) => void;
  /** Where the local runtime logs; default: errors only. */
  readonly logger?: RuntimeLogger;
  /** The Durable engine the app's orchestrations run on (default `local`). */
  readonly engine?: DurableEngineKind;
  /** Called after each step, with everything it caused settled (a benchmark reads the engine here). */
  readonly afterStep?: (step: ScenarioStep, host: AppHost) => Promise<void>;
}

/** Where and why a scenario stopped. */
export interface ScenarioFailure {
  readonly step: number;
  readonly line: number;
  readonly kind: ScenarioStep['kind'];
  readonly reason: string;
}

/** The outcome of one run: the whole transcript, and the failure that stopped it, if any. */
export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly passed: boolean;
  readonly transcript: readonly TranscriptItem[];
  /** Expectations that held. */
  readonly expectationsHeld: number;
  readonly failure: ScenarioFailure | undefined;
  /** Virtual time when the run stopped. */
  readonly endedAt: Date;
}

const adaptiveCard = 'application/vnd.microsoft.card.adaptive';

const invokeResponseSchema = z.looseObject({
  statusCode: z.number().optional(),
  type: z.string().optional(),
  value: z.unknown().optional(),
});

/** A step that cannot be carried out against what the app did; the scenario fails with `reason`. */
class StepFailure extends Error {
  override readonly name = 'StepFailure';
}

/** A message the bot sent that is still in its conversation, with its cards as they now read. */
interface ShownMessage {
  readonly activityId: string;
  readonly conversationId: string;
  cards: unknown[];
}

/**
 * Runs a scenario against the app in the local runtime, on a virtual clock starting at the
 * scenario's start (or, on the real Durable engine, a wall clock shifted there), with fresh
 * in-memory storage. The app keeps its settings per process, so run
 * one scenario per process (the CLI does).
 */
export async function runScenario(
  scenario: Scenario,
  options: RunOptions,
): Promise<ScenarioResult> {
  let host: AppHost | undefined;
  const files = await startFileServer(() => host?.clock.now() ?? scenario.start);
  try {
    host = await startAppHost({
      root: options.root,
      start: scenario.start,
      env: scenario.settings,
      directory: {
        people: scenario.users.map((user) => ({
          name: user.name,
          teamsId: user.id,
          aadObjectId: user.aadObjectId,
          upn: user.upn,
          tenant: user.tenant,
          appInstalled: user.appInstalled !== false,
        })),
        conversations: scenario.conversations.flatMap((place) =>
          place.kind === 'personal' ? [] : [{ id: place.id, tenant: place.tenant }],
        ),
      },
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.engine === undefined ? {} : { engine: options.engine }),
    });
    return await new ScenarioRun(scenario, host, files, options.onItem, options.afterStep).run();
  } finally {
    await host?.close();
    await files.close();
  }
}

class ScenarioRun {
  readonly #transcript: TranscriptItem[] = [];
  readonly #messages: ShownMessage[] = [];
  readonly #places: readonly Place[];
  #connectorSeen = 0;
  #downloadsSeen = 0;
  #activityCount = 0;
  /** Bot items sent since the last step that acts; an expectation looks here by default. */
  #scopeStart = 0;
  #scopeLabel = 'since the start';
  #held = 0;
  /**
   * Where the scenario's own timeline is: its start plus every advance. The virtual clock reads
   * exactly this; the real engine's shared clock runs on in real time during a step, and goes
   * back to it before the next.
   */
  #scheduled: Date;
  /** The longest real time a step that acts has taken: how late a timer set during one can lie. */
  #longestStepMs = 0;
  /** Teams user ids of the people the app is installed for. */
  readonly #installed: Set<string>;
  /** Named channel threads: their conversation ids (`<channel>;messageid=<root>`). */
  readonly #threads = new Map<string, string>();

  constructor(
    readonly scenario: Scenario,
    readonly host: AppHost,
    readonly files: FileServer,
    readonly onItem: ((item: TranscriptItem) => void) | undefined,
    readonly afterStep: RunOptions['afterStep'],
  ) {
    this.#places = [
      ...scenario.users.map((user): Place => ({ kind: 'personal', user })),
      ...scenario.conversations,
    ];
    this.#installed = new Set(
      scenario.users.filter((user) => user.appInstalled !== false).map((user) => user.id),
    );
    this.#scheduled = scenario.start;
  }

  /** Whole minutes (rounded up) the clock has run past the scenario's timeline. */
  get #slackMinutes(): number {
    const ahead = this.host.clock.now().getTime() - this.#scheduled.getTime();
    return ahead <= 0 ? 0 : Math.ceil(ahead / 60_000);
  }

  async run(): Promise<ScenarioResult> {
    for (const step of this.scenario.steps) {
      const failure = await this.#runStep(step);
      if (failure !== undefined) return this.#result(failure);
      await this.afterStep?.(step, this.host);
    }
    return this.#result(undefined);
  }

  #result(failure: ScenarioFailure | undefined): ScenarioResult {
    return {
      scenario: this.scenario,
      passed: failure === undefined,
      transcript: this.#transcript,
      expectationsHeld: this.#held,
      failure,
      endedAt: this.host.clock.now(),
    };
  }

  #push(item: TranscriptItem): void {
    this.#transcript.push(item);
    this.onItem?.(item);
  }

  get #botItems(): BotItem[] {
    return this.#transcript.filter((item): item is BotItem => item.kind === 'bot');
  }

  async #runStep(step: ScenarioStep): Promise<ScenarioFailure | undefined> {
    if (step.kind === 'expect') return this.#expect(step);
    this.#scopeStart = this.#botItems.length;
    this.#scopeLabel = `by step ${String(step.index)} (${step.kind})`;
    // Each step happens at its instant of the timeline, however long the last one took for real.
    await this.host.returnClockTo(this.#scheduled);
    const began = performance.now();
    try {
      await this.#act(step);
      if (step.kind !== 'advance' && step.kind !== 'restart') {
        this.#longestStepMs = Math.max(this.#longestStepMs, performance.now() - began);
      }
      return undefined;
    } catch (error) {
      if (!(error instanceof StepFailure)) throw error;
      this.#collect(step.index);
      const description = `step ${String(step.index)} (${step.kind}, line ${String(step.line)}) could not be carried out`;
      this.#push({
        kind: 'error',
        at: this.host.clock.now(),
        step: step.index,
        line: step.line,
        description,
        reason: error.message,
      });
      return { step: step.index, line: step.line, kind: step.kind, reason: error.message };
    }
  }

  #expect(step: Extract<ScenarioStep, { kind: 'expect' }>): ScenarioFailure | undefined {
    const { expectation } = step;
    const all = this.#botItems;
    const scoped =
      expectation.within === undefined
        ? all.slice(this.#scopeStart)
        : all.slice(Math.max(0, all.length - expectation.within));
    const target = expectation.to === undefined ? undefined : conversationIdOf(expectation.to);
    const thread =
      expectation.thread === undefined || target === undefined
        ? undefined
        : (this.#threads.get(`${target}\n${expectation.thread}`) ?? `${target};no-such-thread`);
    // What Teams refused never reached anyone: it matches no expectation.
    const items = scoped.filter(
      (item) =>
        item.refusedWith === undefined &&
        (target === undefined || conversationBase(item.conversationId) === target) &&
        (thread === undefined || item.conversationId === thread),
    );
    const scope = [
      expectation.within === undefined
        ? this.#scopeLabel
        : `among the last ${String(expectation.within)} items`,
      ...(expectation.to === undefined ? [] : [`to ${placeName(expectation.to)}`]),
      ...(expectation.thread === undefined ? [] : [`in thread "${expectation.thread}"`]),
    ].join(' ');
    const outcome = checkExpectation(expectation, items, scope, this.#slackMinutes);
    this.#push({
      kind: 'expect',
      at: this.host.clock.now(),
      step: step.index,
      line: step.line,
      passed: outcome.passed,
      description: describeExpectation(expectation),
      reason: outcome.passed ? undefined : outcome.reason,
    });
    if (outcome.passed) {
      this.#held++;
      return undefined;
    }
    return { step: step.index, line: step.line, kind: 'expect', reason: outcome.reason };
  }

  async #act(step: Exclude<ScenarioStep, { kind: 'expect' }>): Promise<void> {
    const at = this.host.clock.now();
    if (
      'user' in step &&
      step.kind !== 'install' &&
      (!('place' in step) || step.place.kind === 'personal') &&
      !this.#installed.has(step.user.id)
    ) {
      throw new StepFailure(
        `${step.user.name} has not opened the bot (appInstalled: false), so Teams shows them no chat with it: add an install step as them first`,
      );
    }
    switch (step.kind) {
      case 'say':
      case 'paste': {
        this.#pushUser(step, step.kind === 'say' ? 'says' : 'pastes', step.text);
        const context = this.#context(step.user, step.place, this.#threadOf(step));
        if (!step.mention) {
          // Without resource-specific consent, Teams sends a bot only the messages that @mention it.
          this.#push({
            kind: 'note',
            at,
            step: step.index,
            text: 'the message does not @mention the bot: Teams does not send it to the bot',
          });
          return;
        }
        await this.#post(messageActivity(context, step.text), step);
        return;
      }
      case 'upload': {
        const place: Place = { kind: 'personal', user: step.user };
        const kb = `${String(Math.max(1, Math.round(step.content.length / 1024)))} KB`;
        this.#pushUser({ ...step, place }, 'uploads', `${step.name} (${kb})`);
        const context = this.#context(step.user, place);
        const downloadUrl = this.files.offer(step.name, step.content);
        const file = { name: step.name, downloadUrl, uniqueId: `${context.id}-file` };
        await this.#post(fileActivity(context, file), step);
        return;
      }
      case 'install': {
        this.#pushUser(step, 'installs', 'the app');
        if (step.place.kind === 'personal') {
          this.host.connector.install(step.user.id);
          this.#installed.add(step.user.id);
        }
        for (const activity of installActivities(this.#context(step.user, step.place))) {
          await this.#post(activity, step);
        }
        return;
      }
      case 'submit':
      case 'click':
        await this.#clickCard(step);
        return;
      case 'advance': {
        const from = this.#scheduled;
        const until = step.until ?? new Date(from.getTime() + (step.by ?? 0));
        if (until.getTime() <= from.getTime()) {
          throw new StepFailure(
            `${step.label} is not later than the scenario's clock (${from.toISOString()})`,
          );
        }
        const by = until.getTime() - from.getTime();
        const label = step.by === undefined ? formatDuration(by) : step.label;
        this.#push({ kind: 'advance', at: from, step: step.index, to: until, label });
        this.#scheduled = until;
        // On the real engine a timer set during a step is as much later than the timeline as the
        // step had taken by then ("expires 72 hours after the request"): the clock goes that far
        // past the point, never further than a step has taken (at most 30 s).
        const grace =
          this.host.engine === 'real' ? Math.min(30_000, this.#longestStepMs + 1000) : 0;
        await this.host.advance(
          Math.max(0, until.getTime() + grace - this.host.clock.now().getTime()),
        );
        this.#collect(step.index);
        return;
      }
      case 'connector': {
        const { status, code, message, retryAfterSeconds, times } = step;
        this.host.connector.refuseNext(
          conversationIdOf(step.place),
          {
            status,
            code,
            message,
            ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
          },
          times,
        );
        this.#push({
          kind: 'connector',
          at,
          step: step.index,
          description: `Teams will refuse the next ${times === 1 ? 'message' : `${String(times)} messages`} to ${placeName(step.place)}: ${String(status)} ${code}${retryAfterSeconds === undefined ? '' : `, Retry-After ${String(retryAfterSeconds)} s`}`,
        });
        return;
      }
      case 'restart':
        this.#push({ kind: 'restart', at, step: step.index });
        await this.host.restart();
        this.#collect(step.index);
        return;
    }
  }

  #pushUser(
    step: {
      readonly index: number;
      readonly user: { readonly name: string };
      readonly place: Place;
    },
    action: Extract<TranscriptItem, { kind: 'user' }>['action'],
    text: string,
  ): void {
    this.#push({
      kind: 'user',
      at: this.host.clock.now(),
      step: step.index,
      user: step.user.name,
      place: step.place.kind === 'personal' ? undefined : placeName(step.place),
      action,
      text,
    });
  }

  /** The conversation id of a named thread: the first post starts it, later ones reply in it. */
  #threadOf(step: {
    readonly place: Place;
    readonly thread: string | undefined;
  }): string | undefined {
    if (step.thread === undefined || step.place.kind !== 'channel') return undefined;
    const key = `${step.place.id}\n${step.thread}`;
    const known = this.#threads.get(key);
    if (known !== undefined) return known;
    const started = `${step.place.id};messageid=${String(this.#activityCount + 1)}`;
    this.#threads.set(key, started);
    return started;
  }

  #context(user: ActivityContext['user'], place: Place, conversationId?: string): ActivityContext {
    this.#activityCount++;
    const base = conversationIdOf(place);
    return {
      user,
      place,
      // Each new channel post opens its own thread, as in Teams.
      conversationId:
        conversationId ??
        (place.kind === 'channel' ? `${base};messageid=${String(this.#activityCount)}` : base),
      serviceUrl: this.host.serviceUrl,
      // Teams stamps each message to the millisecond: two never share a stamp.
      at: new Date(this.host.clock.now().getTime() + this.#activityCount),
      id: `scenario-activity-${String(this.#activityCount)}`,
    };
  }

  async #post(activity: Record<string, unknown>, step: ScenarioStep): Promise<string> {
    const response = await this.host.post(activity);
    const body = await response.text();
    this.#collect(step.index);
    if (!response.ok) {
      throw new StepFailure(
        `the app answered HTTP ${String(response.status)} to the ${String(activity.type)} activity${body === '' ? '' : `: ${body.slice(0, 300)}`}`,
      );
    }
    return body;
  }

  async #clickCard(step: Extract<ScenarioStep, { kind: 'submit' | 'click' }>): Promise<void> {
    const type = step.kind === 'submit' ? 'Action.Submit' : 'Action.Execute';
    const { message, card, button } = this.#findButton(step, type);
    const filled = fillInputs(button.inputs, step.values);
    if (!filled.ok) {
      throw new StepFailure(
        `the client would not send "${button.title}": ${filled.problems.join('; ')}`,
      );
    }
    const given = Object.entries(step.values)
      .map(([id, value]) => `${id}=${Array.isArray(value) ? value.join(',') : String(value)}`)
      .join(', ');
    const title = cardLines(card).find((line) => line.trim() !== '') ?? 'a card';
    this.#pushUser(
      step,
      step.kind === 'submit' ? 'submits' : 'clicks',
      `"${button.title}" on "${title}"${given === '' ? '' : `: ${given}`}`,
    );
    // The renderer copies the card's data and lays the inputs over it (the Playground does the same).
    const data = {
      ...(typeof button.data === 'object' && button.data !== null ? button.data : {}),
      ...filled.values,
    };
    const context = this.#context(step.user, step.place, message.conversationId);
    if (step.kind === 'submit') {
      await this.#post(submitActivity(context, message.activityId, data), step);
      return;
    }
    const body = await this.#post(
      executeActivity(context, message.activityId, {
        title: button.title,
        verb: button.verb,
        data,
      }),
      step,
    );
    this.#answerClick(step, message, body);
  }

  #findButton(
    step: Extract<ScenarioStep, { kind: 'submit' | 'click' }>,
    type: string,
  ): { message: ShownMessage; card: unknown; button: CardButton } {
    const conversation = conversationIdOf(step.place);
    const wanted = (button: CardButton): boolean =>
      button.type === type && (step.button === undefined || button.title === step.button);
    for (const message of [...this.#messages].reverse()) {
      if (conversationBase(message.conversationId) !== conversation) continue;
      for (const card of [...message.cards].reverse()) {
        if (step.card !== undefined && !cardLines(card).join('\n').includes(step.card)) continue;
        const buttons = cardButtons(card).filter(wanted);
        const [button, ...others] = buttons;
        if (button === undefined) continue;
        if (others.length > 0) {
          throw new StepFailure(
            `the newest card with an ${type} has several (${buttons.map((b) => `"${b.title}"`).join(', ')}): name one with button`,
          );
        }
        return { message, card, button };
      }
    }
    const which = [
      step.button === undefined ? `an ${type}` : `an ${type} "${step.button}"`,
      ...(step.card === undefined ? [] : [`containing "${step.card}"`]),
    ].join(' ');
    const shown = this.#messages
      .filter((m) => conversationBase(m.conversationId) === conversation)
      .flatMap((m) => m.cards)
      .slice(-3)
      .map((card) => {
        const titles = cardButtons(card).map((b) => `"${b.title}" (${b.type})`);
        const first = cardLines(card).find((line) => line.trim() !== '') ?? '';
        return `- "${first}": ${titles.length === 0 ? 'no buttons' : titles.join(', ')}`;
      });
    throw new StepFailure(
      `no card in ${placeName(step.place)} has ${which}${shown.length === 0 ? '; no card was sent there' : `; the newest cards there:\n${shown.join('\n')}`}`,
    );
  }

  /** Teams replaces the clicked card with an invoke response card, or shows its message. */
  #answerClick(step: ScenarioStep, message: ShownMessage, body: string): void {
    if (body === '') return;
    const parsed = invokeResponseSchema.safeParse(JSON.parse(body));
    if (!parsed.success)
      throw new StepFailure(`the invoke response is not one: ${body.slice(0, 300)}`);
    const answer = parsed.data;
    const base = {
      kind: 'bot' as const,
      at: this.host.clock.now(),
      step: step.index,
      activityId: message.activityId,
      conversationId: message.conversationId,
      place: this.#placeLabel(message.conversationId),
      other: [],
    };
    if ((answer.statusCode ?? 200) >= 400) {
      const text = `Teams shows an error (status ${String(answer.statusCode)})`;
      this.#push({ ...base, operation: 'answer', text, cards: [] });
    } else if (answer.type === adaptiveCard) {
      message.cards = [answer.value];
      this.#push({ ...base, operation: 'replace', text: undefined, cards: [shown(answer.value)] });
    } else if (answer.type === 'application/vnd.microsoft.activity.message') {
      const text = typeof answer.value === 'string' ? answer.value : JSON.stringify(answer.value);
      this.#push({ ...base, operation: 'answer', text, cards: [] });
    }
  }

  #placeLabel(conversationId: string): string {
    const place = placeOfConversation(conversationId, this.#places);
    return place === undefined ? conversationId : placeName(place);
  }

  /** Turns what the connector and the file server received since last time into transcript items. */
  #collect(step: number): void {
    const calls = this.host.connector.requests.slice(this.#connectorSeen);
    this.#connectorSeen = this.host.connector.requests.length;
    const downloads = this.files.downloads.slice(this.#downloadsSeen);
    this.#downloadsSeen = this.files.downloads.length;
    const events: (ConnectorCall | FileDownload)[] = [...calls, ...downloads];
    events.sort((a, b) => a.order - b.order);
    for (const event of events) {
      if ('name' in event) {
        this.#push({ kind: 'download', at: event.at, step, name: event.name });
        continue;
      }
      const item = this.#botItem(event, step);
      if (item !== undefined) this.#push(item);
    }
  }

  #botItem(call: ConnectorCall, step: number): BotItem | undefined {
    const activity = call.activity;
    // Typing indicators say nothing a scenario checks; opening a chat or looking someone up shows
    // in what is sent next.
    if (
      activity?.type === 'typing' ||
      call.operation === 'create-conversation' ||
      call.operation === 'get-member'
    ) {
      return undefined;
    }
    const conversationId = call.conversationId ?? '';
    const attachments = activity?.attachments ?? [];
    const cards = attachments.filter((a) => a.contentType === adaptiveCard).map((a) => a.content);
    const activityId = call.activityId ?? '';
    switch (call.refusedWith === undefined ? call.operation : 'unsupported') {
      case 'send':
      case 'reply':
        this.#messages.push({ activityId, conversationId, cards });
        break;
      case 'update': {
        const shownMessage = this.#messages.find((m) => m.activityId === activityId);
        if (shownMessage === undefined) this.#messages.push({ activityId, conversationId, cards });
        else shownMessage.cards = cards;
        break;
      }
      case 'delete': {
        const index = this.#messages.findIndex((m) => m.activityId === activityId);
        if (index >= 0) this.#messages.splice(index, 1);
        break;
      }
      case 'unsupported':
        break;
    }
    return {
      kind: 'bot',
      at: call.at,
      step,
      operation: call.operation,
      activityId: call.activityId,
      conversationId,
      place: this.#placeLabel(conversationId),
      text: activity?.text,
      cards: cards.map(shown),
      refusedWith: call.operation === 'unsupported' ? undefined : call.refusedWith,
      other:
        call.operation === 'unsupported'
          ? [`${call.method} ${call.pathname}`]
          : attachments.filter((a) => a.contentType !== adaptiveCard).map((a) => a.contentType),
    };
  }
}

function shown(card: unknown): ShownCard {
  return { json: card, lines: cardLines(card) };
}

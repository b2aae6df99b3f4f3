import * as AC from 'adaptivecards';

/**
 * Teams' own elements as the adaptivecards library sees them: Teams knows CodeBlock and the people
 * picker's `choices.data` (Data.Query) at schema 1.2 and up, while the library has no CodeBlock and
 * dates `choices.data` to 1.6. Registering them here lets the test parse a card as Teams does and
 * still report every other event; `parseWithLibraryDefaults` shows what any other host sees.
 */
class TeamsCodeBlock extends AC.CardElement {
  static readonly codeSnippetProperty = new AC.StringProperty(AC.Versions.v1_0, 'codeSnippet');
  static readonly languageProperty = new AC.StringProperty(AC.Versions.v1_0, 'language');
  static readonly startLineNumberProperty = new AC.NumProperty(AC.Versions.v1_0, 'startLineNumber');

  override getJsonTypeName(): string {
    return 'CodeBlock';
  }

  // Never rendered here: the tests only parse and validate.
  protected override internalRender() {
    return undefined;
  }

  override internalValidateProperties(context: AC.ValidationResults): void {
    super.internalValidateProperties(context);
    if (!this.getValue(TeamsCodeBlock.codeSnippetProperty)) {
      context.addFailure(
        this,
        AC.ValidationEvent.PropertyCantBeNull,
        'A CodeBlock needs a codeSnippet.',
      );
    }
  }
}

class TeamsDataQuery extends AC.SerializableObject {
  static readonly typeProperty = new AC.StringProperty(
    AC.Versions.v1_2,
    'type',
    true,
    /^Data\.Query$/,
  );
  static readonly datasetProperty = new AC.StringProperty(AC.Versions.v1_2, 'dataset');

  protected override getSchemaKey(): string {
    return 'TeamsDataQuery';
  }

  get dataset(): string | undefined {
    return this.getValue(TeamsDataQuery.datasetProperty) as string | undefined;
  }
}

class TeamsChoiceSetInput extends AC.ChoiceSetInput {
  static readonly teamsChoicesDataProperty = new AC.SerializableObjectProperty(
    AC.Versions.v1_2,
    'choices.data',
    TeamsDataQuery,
  );

  protected override populateSchema(schema: AC.SerializableObjectSchema): void {
    super.populateSchema(schema);
    schema.remove(AC.ChoiceSetInput.choicesDataProperty);
  }

  override internalValidateProperties(context: AC.ValidationResults): void {
    const query = this.getValue(TeamsChoiceSetInput.teamsChoicesDataProperty) as
      TeamsDataQuery | undefined;
    // With a Data.Query, Teams fetches the choices: an empty static list is the documented form.
    if (query !== undefined && this.choices.length === 0) {
      this.choices.push(new AC.Choice('(dataset)', 'dataset'));
      super.internalValidateProperties(context);
      this.choices.pop();
      return;
    }
    super.internalValidateProperties(context);
  }

  /** The dataset of the people picker, if this choice set is one. */
  get dataset(): string | undefined {
    const query = this.getValue(TeamsChoiceSetInput.teamsChoicesDataProperty) as
      TeamsDataQuery | undefined;
    return query?.dataset;
  }
}

export interface ParsedCard {
  card: AC.AdaptiveCard;
  events: string[];
}

function parse(json: unknown, elements?: AC.CardObjectRegistry<AC.CardElement>): ParsedCard {
  const card = new AC.AdaptiveCard();
  // Teams renders schema 1.5: anything newer would be logged as an event here.
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  if (elements !== undefined) context.setElementRegistry(elements);
  card.parse(json, context);
  const events: string[] = [];
  for (let index = 0; index < context.eventCount; index++) {
    events.push(context.getEventAt(index).message);
  }
  for (const failure of card.validateProperties().validationEvents) {
    events.push(failure.message);
  }
  return { card, events };
}

function teamsElements(): AC.CardObjectRegistry<AC.CardElement> {
  const elements = new AC.CardObjectRegistry<AC.CardElement>();
  AC.GlobalRegistry.populateWithDefaultElements(elements);
  elements.register('CodeBlock', TeamsCodeBlock);
  elements.register('Input.ChoiceSet', TeamsChoiceSetInput);
  return elements;
}

/** Parses a card the way Teams reads it (its CodeBlock and people picker known). */
export function parseAsTeams(json: unknown): ParsedCard {
  return parse(json, teamsElements());
}

/** Parses a card with the library's defaults: what a host without Teams' extensions sees. */
export function parseWithLibraryDefaults(json: unknown): ParsedCard {
  return parse(json);
}

/** The people pickers of a parsed card, by input id, with their datasets. */
export function peoplePickers(card: AC.AdaptiveCard): Record<string, string | undefined> {
  const pickers: Record<string, string | undefined> = {};
  for (const input of card.getAllInputs()) {
    if (input instanceof TeamsChoiceSetInput && input.dataset !== undefined) {
      pickers[input.id ?? ''] = input.dataset;
    }
  }
  return pickers;
}

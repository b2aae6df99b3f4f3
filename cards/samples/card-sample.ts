import type { AdaptiveCardJson } from '../card-template';

/** One card rendered with realistic data; `name` is the gallery file name (`<name>.json`, `.png`). */
export interface CardSample {
  readonly name: string;
  readonly card: string;
  readonly description: string;
  /** Holds user or evidence text that tries to inject markup (see `hostileText`). */
  readonly hostile?: boolean;
  /** The largest data the card is expected to meet: it must still fit under 28 KB. */
  readonly worstCase?: boolean;
  readonly render: () => AdaptiveCardJson;
}

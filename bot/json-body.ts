/** Parses a request body as JSON; undefined when it is empty or not valid JSON. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error: unknown) {
    // An unparseable body is an expected bad request, answered with 400 by the bridge.
    if (error instanceof SyntaxError) {
      return undefined;
    }
    throw error;
  }
}

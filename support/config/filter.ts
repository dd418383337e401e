/** The run's filter options, parsed (a usage error, exit 64, when they do not parse). */
import { parse as parseTagExpression } from '@cucumber/tag-expressions';
import { UsageError } from '../errors';

export function tagExpression(text: string): ReturnType<typeof parseTagExpression> {
  try {
    return parseTagExpression(text);
  } catch (e) {
    throw new UsageError(`--tags "${text}": not a tag expression: ${(e as Error).message}`);
  }
}

export function nameExpression(text: string): RegExp {
  try {
    return new RegExp(text);
  } catch (e) {
    throw new UsageError(`--name "${text}": not a regular expression: ${(e as Error).message}`);
  }
}

/**
 * The run's filter options, parsed (a usage error, exit 64, when they do not parse). With
 * `command`, the error ends with the pointer to that command's `--help`.
 */
import { parse as parseTagExpression } from '@cucumber/tag-expressions';
import { UsageError } from '../errors';
import { usageError } from './commandLine';

function problem(command: string | undefined, message: string): UsageError {
  return command === undefined ? new UsageError(message) : usageError(command, message);
}

export function tagExpression(text: string, command?: string): ReturnType<typeof parseTagExpression> {
  try {
    return parseTagExpression(text);
  } catch (e) {
    throw problem(command, `--tags "${text}": not a tag expression: ${(e as Error).message}`);
  }
}

export function nameExpression(text: string, command?: string): RegExp {
  try {
    return new RegExp(text);
  } catch (e) {
    throw problem(command, `--name "${text}": not a regular expression: ${(e as Error).message}`);
  }
}

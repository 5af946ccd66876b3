import { type ParseArgsConfig, parseArgs } from 'node:util';

/**
 * `parseArgs` for the eval and bench scripts: a mistyped option or a missing value is answered with Node's
 * message and the options the script takes, and exit code 2, not a stack trace.
 */
export function parseScriptArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    if (
      !(error instanceof TypeError && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS'))
    )
      throw error;
    const options = Object.keys(config.options ?? {}).map((name) => `--${name}`);
    console.error(`${error.message}\nIt takes ${options.length > 0 ? options.join(', ') : 'no options'}.`);
    process.exit(2);
  }
}

import { Command, CommanderError } from 'commander';
import { isAppError } from '../errors.ts';
import { registerAdmin } from './admin.ts';
import { registerDemo } from './demo.ts';
import { registerImport } from './import.ts';
import { registerInspect } from './inspect.ts';
import { registerMail } from './mail.ts';
import { registerRescue } from './rescue.ts';
import { registerSearch } from './search.ts';
import { registerServe } from './serve.ts';
import { registerTags } from './tags.ts';
import { registerWorks } from './works.ts';

/** Build the `quire` command line. Each command lives in its own module and only calls services. */
export function buildProgram(): Command {
  const program = new Command()
    .name('quire')
    .description('Quire: a self-hostable fan fiction archive.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerInspect(program);
  registerImport(program);
  registerRescue(program);
  registerSearch(program);
  registerTags(program);
  registerWorks(program);
  registerAdmin(program);
  registerMail(program);
  registerServe(program);
  registerDemo(program);
  return program;
}

/** Run the CLI. Exit status: 0 success, 1 some inputs failed, 2 usage error. */
export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const done = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code);
      process.exitCode = done ? 0 : 2;
      return;
    }
    // An expected failure a command did not report itself (the archive cannot be opened...): one line, no stack.
    if (isAppError(error)) {
      process.stderr.write(`quire: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { ROLES, type Role } from '../domain/roles.ts';
import { AppError } from '../errors.ts';
import { COMMAND_LINE, runArchiveAction } from './archive-action.ts';
import { addStoreOptions } from './store-options.ts';

/**
 * A password from standard input: the first line of what is piped in, or typed at a prompt that does not
 * show it (readline with its echo muted: Node has no no-echo prompt of its own).
 */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.split(/\r?\n/)[0] ?? '';
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  process.stderr.write('Password (not shown): ');
  const muted = prompt as unknown as { _writeToOutput: (text: string) => void };
  muted._writeToOutput = () => {};
  const password = await new Promise<string>((resolve) => prompt.question('', resolve));
  prompt.close();
  process.stderr.write('\n');
  return password;
}

export function registerAdmin(program: Command): void {
  const admin = program.command('admin').summary('create the first admin, give members roles');

  addStoreOptions(
    admin
      .command('create')
      .description(
        'Create an admin account. The password is read from standard input (piped, or typed at a prompt that does not show it).',
      )
      .requiredOption('--username <name>', '3 to 40 letters, digits or underscores')
      .requiredOption('--email <address>', 'for password resets'),
  ).action(async (options: { username: string; email: string; data?: string }) =>
    runArchiveAction('admin create', options, async ({ store }) => {
      const { signUp } = await import('../services/accounts/account.service.ts');
      const password = await readPassword();
      const member = await signUp(
        store.db,
        { username: options.username, email: options.email, password },
        { role: 'admin' },
      );
      return `${member.name} is an admin; log in at /login.`;
    }),
  );

  addStoreOptions(
    admin
      .command('role')
      .description(`Give a member a role: ${ROLES.join(', ')}.`)
      .argument('<username>')
      .argument('<role>'),
  ).action(async (username: string, role: string, options: { data?: string }) =>
    runArchiveAction('admin role', options, async ({ store }) => {
      if (!(ROLES as readonly string[]).includes(role))
        throw new AppError('USAGE', `The role is one of ${ROLES.join(', ')}, not "${role}".`);
      const { changeRole } = await import('../services/moderation/member-moderation.service.ts');
      const member = await changeRole(store.db, COMMAND_LINE, username, role as Role);
      return `${member.name} is now a ${member.role}.`;
    }),
  );
}

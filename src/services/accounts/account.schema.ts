import { type Static, Type } from '@sinclair/typebox';

export const Username = Type.String({
  minLength: 3,
  maxLength: 40,
  pattern: '^[A-Za-z0-9_]+$',
  errorMessage: 'a username has 3 to 40 letters, digits or underscores',
});
export const Email = Type.String({
  maxLength: 254,
  pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
  errorMessage: 'an email address looks like name@example.org',
});
/** Long passphrases are welcome; the upper bound keeps hashing cheap against a flood of huge ones. */
export const Password = Type.String({
  minLength: 8,
  maxLength: 256,
  errorMessage: 'a password has 8 to 256 characters',
});
export const PseudName = Type.String({
  minLength: 1,
  maxLength: 40,
  pattern: '^[A-Za-z0-9_][A-Za-z0-9_ .-]*$',
  errorMessage: 'a pseud has 1 to 40 letters, digits, spaces, dots, dashes or underscores',
});

export const SignUpInput = Type.Object({ username: Username, email: Email, password: Password });
export type SignUpInput = Static<typeof SignUpInput>;

export const LogInInput = Type.Object({
  /** A username or an email address. */
  login: Type.String({ minLength: 1, maxLength: 254, errorMessage: 'enter your username or email' }),
  password: Type.String({ minLength: 1, maxLength: 256, errorMessage: 'enter your password' }),
});
export type LogInInput = Static<typeof LogInInput>;

export const ChangePasswordInput = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 256, errorMessage: 'enter your current password' }),
  newPassword: Password,
});

export const ResetPasswordInput = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200, errorMessage: 'the link has no token' }),
  newPassword: Password,
});

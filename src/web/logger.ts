import { type Logger, pino } from 'pino';
import pretty from 'pino-pretty';

/**
 * The server's structured log, on stderr so that stdout carries only what the command tells the person who
 * ran it (the address). A terminal gets readable lines; anything else (a file, journald, a log shipper) gets
 * one JSON object per line.
 */
export function serverLogger(level: string, stderrIsTerminal = Boolean(process.stderr.isTTY)): Logger {
  const destination = stderrIsTerminal
    ? pretty({ destination: 2, colorize: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' })
    : pino.destination({ fd: 2, sync: false });
  return pino({ level }, destination);
}

import type { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail the sink accepted, parsed. */
export interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A header as sent (lower-case name), e.g. `list-unsubscribe`. */
  header: (name: string) => string | undefined;
  parsed: ParsedMail;
}

/**
 * How the sink answers: `accept` (250), `reject` (550 for every message, permanent), `defer` (451,
 * transient), `hang` (accepts the connection and never greets: the sender waits before sending),
 * `stall` (takes the message and never answers: the sender waits after the server has it, before
 * it can mark the mail sent).
 */
export type SinkMode = 'accept' | 'reject' | 'defer' | 'hang' | 'stall';

/** A local SMTP server on 127.0.0.1 for the tests: the mails it accepted, and how it answers. */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  mode: SinkMode = 'accept';
  /** Called with each message as it arrives, before the answer (e.g. to kill the sender). */
  onMessage: ((mail: ReceivedMail) => void) | null = null;
  readonly stalled: Array<(error?: Error | null) => void> = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(port = 0): Promise<SmtpSink> {
    const started: { sink?: SmtpSink } = {};
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onConnect(_session, callback) {
        if (started.sink?.mode === 'hang') started.sink.stalled.push(callback);
        else callback();
      },
      onData(stream, _session, callback) {
        void simpleParser(stream).then((parsed) => started.sink?.receive(parsed, callback));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    started.sink = new SmtpSink(server, address.port);
    return started.sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The mails to one address. */
  to(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to === address);
  }

  /** Waits until `count` mails have arrived (10 s at most). */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    for (let waited = 0; this.mails.length < count; waited += 25) {
      if (waited > timeoutMs) {
        throw new Error(`Timed out waiting for ${count} mail(s); ${this.mails.length} arrived`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return this.mails;
  }

  async stop(): Promise<void> {
    for (const answer of this.stalled.splice(0)) answer(new Error('sink stopped'));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private receive(parsed: ParsedMail, callback: (error?: Error | null) => void): void {
    const mode = this.mode;
    if (mode === 'reject' || mode === 'defer') {
      const error = new Error(
        mode === 'reject' ? 'Mailbox unavailable' : 'Try again later',
      ) as Error & { responseCode: number };
      error.responseCode = mode === 'reject' ? 550 : 451;
      callback(error);
      return;
    }
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
    const mail: ReceivedMail = {
      messageId: parsed.messageId ?? '',
      to: to?.value[0]?.address ?? '',
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      header: (name) => {
        const line = parsed.headerLines.find((header) => header.key === name)?.line;
        return line?.slice(line.indexOf(':') + 1).trim();
      },
      parsed,
    };
    this.mails.push(mail);
    this.onMessage?.(mail);
    if (mode === 'stall') this.stalled.push(callback);
    else callback();
  }
}

import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter, TransportOptions } from 'nodemailer';
import { AppConfig } from '../../../config/app-config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

/** A refusal the mail server will repeat however often it is asked (5xx), or a transient one. */
export interface SendFailure {
  permanent: boolean;
  message: string;
}

/**
 * The SMTP connection (nodemailer, pooled), with timeouts shorter than MAIL_SEND_TIMEOUT_SECONDS so
 * a send never outlives its claim on the outbox row.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private transporter: Transporter | null = null;

  constructor(private readonly config: AppConfig) {}

  /** The domain of MAIL_FROM, for Message-IDs. */
  get domain(): string {
    const from = this.config.mail?.from ?? 'samverkan@localhost';
    return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  }

  async send(mail: OutgoingMail): Promise<void> {
    const config = this.config.mail;
    if (!config) throw new Error('Mail is off: SMTP_URL is not set');
    this.transporter ??= this.create(config.smtpUrl, config.sendTimeoutSeconds);
    await this.transporter.sendMail({ from: config.from, ...mail });
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
    this.transporter = null;
  }

  private create(url: string, timeoutSeconds: number): Transporter {
    // Each phase gets a part of the claim's time, so a hung server fails the send before the claim
    // runs out and another process takes the row over.
    const phase = Math.max(1, Math.floor((timeoutSeconds * 1000) / 4));
    return nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: 2,
      connectionTimeout: phase,
      greetingTimeout: phase,
      socketTimeout: phase,
    } as TransportOptions);
  }
}

/** How a failed send is recorded: 5xx replies are permanent, everything else is tried again. */
export function describeFailure(error: unknown): SendFailure {
  const responseCode = (error as { responseCode?: unknown }).responseCode;
  const response = (error as { response?: unknown }).response;
  const message =
    typeof response === 'string'
      ? response
      : error instanceof Error
        ? error.message
        : String(error);
  return {
    permanent: typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600,
    message: message.slice(0, 1000),
  };
}

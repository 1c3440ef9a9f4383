import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';

export interface MailerOptions {
  outboxDir: string;
  /** nodemailer's SMTP URL (`smtp://user:pass@host:587`); none: everything goes to the outbox. */
  smtpUrl?: string | undefined;
  from: string;
}

export interface Mail {
  to?: string;
  subject: string;
  html: string;
  /** File name in the outbox. */
  name: string;
}

/**
 * Sends e-mail bodies: through SMTP when an SMTP URL is configured (TBT_SMTP_URL; nodemailer:
 * maintained, handles TLS and auth), else into the outbox folder, where a person or a later relay
 * picks them up. Mail without a recipient always goes to the outbox.
 */
export class Mailer {
  private readonly transport?: Transporter;
  readonly outboxDir: string;
  private readonly from: string;

  constructor(options: MailerOptions) {
    this.outboxDir = options.outboxDir;
    this.from = options.from;
    // Bounded like every outbound call: nodemailer's defaults wait up to 2 minutes to connect and an hour idle.
    if (options.smtpUrl)
      this.transport = createTransport({
        url: options.smtpUrl,
        dnsTimeout: 10_000,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 60_000,
      });
  }

  async send(mail: Mail): Promise<string> {
    if (this.transport && mail.to) {
      const info = (await this.transport.sendMail({
        from: this.from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
      })) as { messageId?: string };
      return `smtp:${info.messageId ?? ''}`;
    }
    mkdirSync(this.outboxDir, { recursive: true });
    const file = join(this.outboxDir, mail.name);
    writeFileSync(file, mail.html);
    return file;
  }
}

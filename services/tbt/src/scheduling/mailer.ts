import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';

export interface Mail {
  to?: string;
  subject: string;
  html: string;
  /** File name in the outbox. */
  name: string;
}

/**
 * Sends e-mail bodies: through SMTP when TBT_SMTP_URL is set (nodemailer: maintained, handles
 * TLS and auth), else into the outbox folder, where a person or a later relay picks them up.
 * Mail without a recipient always goes to the outbox.
 */
export class Mailer {
  private readonly transport?: Transporter;

  constructor(
    readonly outboxDir: string,
    smtpUrl: string | undefined = process.env.TBT_SMTP_URL,
    private readonly from = process.env.TBT_MAIL_FROM ?? 'highland-tbt@localhost',
  ) {
    if (smtpUrl) this.transport = createTransport(smtpUrl);
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

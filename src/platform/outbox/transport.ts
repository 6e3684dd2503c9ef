import nodemailer from 'nodemailer';

export type OutgoingMail = { id: string; to: string; cc: string | null; subject: string; body: string };
export type SendResult = { messageId: string; rejected: string[] };

export type MailTransport = {
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): void;
};

/** The receiving side can deduplicate on this if an 'uncertain' mail is ever sent again. */
export const outboxMessageId = (id: string) => `<outbox-${id}@samspil>`;

export function createMailTransport(smtpUrl: string, mailFrom: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    // Nodemailer's defaults (2 min connect, 10 min idle socket) could outlast the claim lease,
    // after which the sweep would call a mail 'uncertain' while it is still being sent.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      const info = await transporter.sendMail({
        from: mailFrom,
        to: mail.to,
        ...(mail.cc ? { cc: mail.cc } : {}),
        subject: mail.subject,
        text: mail.body,
        messageId: outboxMessageId(mail.id),
      });
      return { messageId: info.messageId, rejected: info.rejected.map(String) };
    },
    close: () => transporter.close(),
  };
}

const beforeConnecting = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const beforeData = new Set(['EDNS', 'EAUTH', 'ENOAUTH', 'ETLS', 'EREQUIRETLS', 'EENVELOPE', 'ECONFIG']);

/**
 * True when the error proves nothing reached the server, so sending again cannot duplicate.
 * A server reply code is a refusal; a lost connection or an idle timeout mid-conversation may
 * have happened after the message was accepted, so it is not proof.
 */
export function nothingDelivered(error: unknown): boolean {
  const e = error as { code?: string; originalCode?: string; responseCode?: number; timeoutType?: string };
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) return true;
  if (e.code && beforeData.has(e.code)) return true;
  if (e.code === 'ESOCKET' && e.originalCode && beforeConnecting.has(e.originalCode)) return true;
  return e.code === 'ETIMEDOUT' && (e.timeoutType === 'CONNECT_TIMEOUT' || e.timeoutType === 'GREETING_TIMEOUT');
}

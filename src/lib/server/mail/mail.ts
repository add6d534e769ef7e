/** Outgoing mail through nodemailer when SMTP_URL is set; without it callers show links on screen. */
import nodemailer, { type Transporter } from 'nodemailer';
import { config } from '../config.ts';

let transport: Transporter | undefined;

export function mailEnabled(): boolean {
  return !!config().SMTP_URL;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends one message; returns false (and logs) instead of throwing so a mail outage never loses work. */
export async function sendMail(mail: Mail): Promise<boolean> {
  const c = config();
  if (!c.SMTP_URL) return false;
  transport ??= nodemailer.createTransport(c.SMTP_URL);
  try {
    await transport.sendMail({ from: c.MAIL_FROM, ...mail });
    return true;
  } catch (error) {
    console.error(`mail to ${mail.to} failed: ${(error as Error).message}`);
    return false;
  }
}

export function inviteMail(to: string, name: string, link: string, expiresAt: Date): Mail {
  return {
    to,
    subject: 'You are invited to Rapport',
    text: [
      `Hello ${name},`,
      '',
      'You have been invited to Rapport, where your organisation practises serving customers and colleagues.',
      `Choose your password here (the link works once, until ${expiresAt.toUTCString()}):`,
      '',
      link,
      '',
      'If you did not expect this, you can ignore this message.',
    ].join('\n'),
  };
}

/** A link to choose a new password: asked for on the "Forgot password?" page, or issued by an admin. */
export function resetMail(to: string, name: string, link: string, expiresAt: Date): Mail {
  return {
    to,
    subject: 'Choose a new Rapport password',
    text: [
      `Hello ${name},`,
      '',
      'Someone asked for a link to choose a new password for your Rapport account.',
      `Choose it here (the link works once, until ${expiresAt.toUTCString()}); every device signed in as you is signed out:`,
      '',
      link,
      '',
      'If it was not you, ignore this message: your password stays as it is.',
    ].join('\n'),
  };
}

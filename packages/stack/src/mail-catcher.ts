import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

/**
 * A development and test mail server: a real SMTP server (smtp-server) that keeps every message
 * it receives, parsed by mailparser, and an HTTP page listing them (JSON at /messages). `npm start`
 * runs one so a newcomer sees the emails; the test stack runs one so tests read what arrived.
 * Never in production: it accepts mail for anyone, without authentication.
 */
export interface CaughtMail {
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Header names in lower case (list-unsubscribe, message-id, …). */
  headers: Record<string, string>;
  receivedAt: string;
}

/** A refusal the catcher gives for one address: `times` deliveries answered `code` (Infinity: every one). */
export interface MailFault {
  address: string;
  code: number;
  times: number;
}

export interface MailCatcher {
  smtpUrl: string;
  httpUrl: string;
  mails: CaughtMail[];
  stop: () => Promise<void>;
}

/** The raw header values (mailparser structures some, List-* among them, which tests want as sent). */
function headerMap(lines: readonly { key: string; line: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of lines) out[key.toLowerCase()] = line.slice(line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim();
  return out;
}

function smtpServer(mails: CaughtMail[], faults: Map<string, MailFault>): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A fault planted for an address refuses its RCPT TO, as a real server would (451 temporary, 550 permanent).
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const fault = faults.get(address.address.toLowerCase());
      if (fault && fault.times > 0) {
        fault.times -= 1;
        callback(Object.assign(new Error(`refused by the mail catcher's fault for ${address.address}`), { responseCode: fault.code }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            id: mails.length + 1,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: headerMap(parsed.headerLines),
            receivedAt: new Date().toISOString(),
          });
          callback();
        })
        .catch((err: unknown) => callback(err as Error));
    },
  });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function listPage(mails: readonly CaughtMail[]): string {
  const rows = [...mails]
    .reverse()
    .map((m) => `<tr><td>${escapeHtml(m.receivedAt)}</td><td>${escapeHtml(m.to.join(', '))}</td><td><details><summary>${escapeHtml(m.subject)}</summary><pre>${escapeHtml(m.text)}</pre></details></td></tr>`)
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Mail catcher</title></head><body>
<h1>Mail received (${mails.length})</h1><p>Development only: every email the notifications service sends lands here.</p>
<table border="1" cellpadding="4"><tr><th>received</th><th>to</th><th>subject</th></tr>${rows}</table></body></html>`;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function httpServer(mails: CaughtMail[], faults: Map<string, MailFault>): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://catcher');
    const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (req.method === 'GET' && url.pathname === '/messages') {
      const to = url.searchParams.get('to')?.toLowerCase();
      return json(200, to ? mails.filter((m) => m.to.includes(to)) : mails);
    }
    if (req.method === 'POST' && url.pathname === '/faults') {
      readBody(req).then((body) => {
        const fault = JSON.parse(body) as MailFault;
        faults.set(fault.address.toLowerCase(), { ...fault, times: fault.times < 0 ? Infinity : fault.times });
        json(204, null);
      }, () => json(400, { error: 'bad body' }));
      return undefined;
    }
    if (req.method === 'GET' && url.pathname === '/') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(listPage(mails));
    return json(404, { error: 'not found' });
  });
}

const listen = (server: { listen: (port: number, host: string, cb: () => void) => unknown }, port: number, host: string) =>
  new Promise<void>((resolve) => server.listen(port, host, resolve));

/** Starts both servers (port 0: any free port) and answers their URLs. */
export async function startMailCatcher(opts: { smtpPort?: number; httpPort?: number; host?: string } = {}): Promise<MailCatcher> {
  const host = opts.host ?? '127.0.0.1';
  const mails: CaughtMail[] = [];
  const faults = new Map<string, MailFault>();
  const smtp = smtpServer(mails, faults);
  const web = httpServer(mails, faults);
  await listen(smtp, opts.smtpPort ?? 0, host);
  await listen(web, opts.httpPort ?? 0, host);
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const httpPort = (web.address() as AddressInfo).port;
  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    httpUrl: `http://${host}:${httpPort}`,
    mails,
    stop: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => web.close(() => resolve()));
    },
  };
}

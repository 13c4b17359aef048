import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One request a test receiver got. */
export interface ReceivedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** When the whole request had arrived, epoch ms (its answer goes out `delayMs` later). */
  readonly receivedAt: number;
}

/** How the receiver answers a request to one path: a status and body (after `delayMs`, if given), or `hang` (never answers). */
export type Answer = { readonly status: number; readonly body?: string; readonly delayMs?: number } | 'hang';

export interface HttpReceiver {
  /** e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Answers to requests of `path`, in order; the last one repeats. Unlisted paths get 200 `ok`. */
  answer(path: string, ...answers: Answer[]): void;
  close(): Promise<void>;
}

/** A real HTTP server on loopback that records every request, like a webhook, Slack or Teams receiver. */
export async function startHttpReceiver(): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const scripts = new Map<string, Answer[]>();
  const hanging = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => { body += chunk; });
    request.on('end', () => {
      const path = request.url ?? '/';
      requests.push({ path, headers: request.headers, body, receivedAt: Date.now() });
      const script = scripts.get(path);
      const answer: Answer = (script && script.length > 1 ? script.shift() : script?.[0]) ?? { status: 200, body: 'ok' };
      if (answer === 'hang') {
        hanging.add(response);
        return;
      }
      const send = () => response.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? '');
      if (answer.delayMs === undefined) send();
      else setTimeout(() => { if (!response.destroyed) send(); }, answer.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: (path, ...answers) => { scripts.set(path, answers); },
    close: () => new Promise<void>((resolve) => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** One email a test SMTP server accepted: the envelope, the headers (lower-case names) and the decoded text body. */
export interface ReceivedEmail {
  readonly from: string;
  readonly to: readonly string[];
  readonly headers: ReadonlyMap<string, string>;
  readonly text: string;
}

export interface SmtpReceiver {
  readonly port: number;
  readonly emails: ReceivedEmail[];
  close(): Promise<void>;
}

/** A real SMTP server (the `smtp-server` package) on loopback, without TLS or authentication. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const emails: ReceivedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => { raw += chunk; });
      stream.on('end', () => {
        emails.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          ...parseEmail(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { port, emails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// Enough of RFC 5322 and RFC 2045 for what nodemailer writes for a plain-text message.
function parseEmail(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replaceAll(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  let text = raw.slice(split + 4);
  if (headers.get('content-transfer-encoding') === 'quoted-printable') {
    text = text.replaceAll('=\r\n', '').replaceAll(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));
  }
  return { headers, text: text.replaceAll('\r\n', '\n') };
}

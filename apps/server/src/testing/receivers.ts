import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { to: string[]; subject: string; body: string };

/**
 * A real SMTP server on a free port that keeps what it receives. `refuseNext(n)` makes it answer
 * the next n messages with a temporary failure (451), as a mail server under trouble does.
 */
export async function startSmtpReceiver() {
  const received: ReceivedMail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (refusals > 0) {
          refusals -= 1;
          const error = Object.assign(new Error("mailbox busy, try again later"), { responseCode: 451 });
          return done(error);
        }
        received.push(parseMail(Buffer.concat(chunks).toString("latin1"), session.envelope.rcptTo.map((r) => r.address)));
        done();
      });
    },
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext: (n: number) => {
      refusals = n;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Headers and the text part of a single-part message, with quoted-printable undone. */
function parseMail(raw: string, to: string[]): ReceivedMail {
  const [head = "", ...rest] = raw.split("\r\n\r\n");
  const unfolded = head.replace(/\r\n[ \t]+/g, " ");
  const subject = decodeWords(/^Subject: (.*)$/im.exec(unfolded)?.[1] ?? "");
  let body = rest.join("\r\n\r\n");
  if (/^Content-Transfer-Encoding: quoted-printable/im.test(unfolded)) body = decodeQuotedPrintable(body);
  else if (/^Content-Transfer-Encoding: base64/im.test(unfolded)) body = Buffer.from(body, "base64").toString("utf8");
  return { to, subject, body: body.replace(/\r\n/g, "\n") };
}

function decodeQuotedPrintable(text: string) {
  const bytes = Buffer.from(text.replace(/=\r\n/g, ""), "latin1");
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x3d && i + 2 < bytes.length) {
      out.push(parseInt(bytes.subarray(i + 1, i + 3).toString("latin1"), 16));
      i += 2;
    } else out.push(bytes[i]!);
  }
  return Buffer.from(out).toString("utf8");
}

function decodeWords(text: string) {
  return text.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_all, kind: string, data: string) =>
    kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")),
  );
}

/** A local chat receiver, standing in for a Slack-compatible incoming webhook. */
export async function startChatReceiver() {
  const received: { path: string; body: Record<string, unknown> }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ path: request.url ?? "", body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> });
      response.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise<void>((done) => server.close(() => done())) };
}

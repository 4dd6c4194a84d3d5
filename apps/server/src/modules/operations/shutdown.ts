import type { Server } from "node:http";
import type { ServerType } from "@hono/node-server";
import type { Db } from "../../db/client";
import type { Logger } from "../../lib/logger";
import { createCheckpoint } from "../../audit/checkpoint";

type Shutdown = { server: ServerType; db: Db; log: Logger; signal: string; deadlineSeconds: number };

/**
 * On SIGTERM or SIGINT (background jobs already stopped by the caller): stop accepting
 * connections, let requests in flight finish — up to the deadline, then close what is still open —
 * sign the audit log's unsigned tail, close the database and flush the log. Resolves with the
 * process's exit code: 0, also when the deadline cut requests short (the log says how many).
 */
export function shutDownGracefully({ server, db, log, signal, deadlineSeconds }: Shutdown): Promise<number> {
  const http = server as Server;
  log.info({ signal, deadlineSeconds }, "shutting down: accepting no new connections, finishing requests in flight");
  return new Promise((done) => {
    const deadline = setTimeout(() => {
      log.warn({ deadlineSeconds }, "shutdown deadline passed: closing connections with requests still in flight");
      http.closeAllConnections();
    }, deadlineSeconds * 1000);
    // Every step catches its own failure: the process always exits, with 1 if the database did not close.
    const finish = async () => {
      clearTimeout(deadline);
      let code = 0;
      try {
        // The last entries are signed now rather than at the next start.
        await createCheckpoint(db, Date.now());
      } catch (err) {
        log.error({ err }, "could not sign a final checkpoint; the next start signs the tail");
      }
      try {
        // PostgreSQL's pool ends asynchronously: the process exits only once its connections are closed.
        await db.$client.close();
      } catch (err) {
        log.error({ err }, "closing the database failed");
        code = 1;
      }
      log.info("stopped");
      log.flush();
      done(code);
    };
    http.close(() => void finish());
    // Idle keep-alive connections would otherwise hold close() open until their timeout.
    http.closeIdleConnections();
  });
}

import { useCallback, useRef, useState } from "react";

export type PackQuery = { system: string; from: string; to: string };

export type DownloadState =
  | { phase: "idle" }
  | { phase: "preparing"; bytes: number }
  | { phase: "done"; filename: string; bytes: number }
  | { phase: "failed"; message: string; issues: Record<string, string> };

type RestError = { error?: { message?: string; issues?: { path: string; message: string }[] } };

function filenameOf(disposition: string | null, fallback: string): string {
  const match = /filename="?([^";]+)"?/i.exec(disposition ?? "");
  return match?.[1] ?? fallback;
}

/** Hands a finished blob to the browser as a download under the server's filename. */
function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = filename;
  anchor.style.display = "none";
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Streams GET /exports/proof-pack (authenticated by the session cookie) with a running byte count,
 * then saves it. A refusal comes back as the server's `{ error: { message, issues } }`.
 */
export function useProofPackDownload() {
  const [state, setState] = useState<DownloadState>({ phase: "idle" });
  const running = useRef(false);

  const download = useCallback(async (query: PackQuery) => {
    if (running.current) return;
    running.current = true;
    setState({ phase: "preparing", bytes: 0 });
    try {
      const params = new URLSearchParams(query);
      const res = await fetch(`/exports/proof-pack?${params.toString()}`, { credentials: "same-origin" });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as RestError;
        const issues: Record<string, string> = {};
        for (const issue of body.error?.issues ?? []) issues[issue.path] ??= issue.message;
        setState({ phase: "failed", message: body.error?.message ?? `the server answered ${res.status}`, issues });
        return;
      }
      const chunks: BlobPart[] = [];
      let bytes = 0;
      const reader = res.body?.getReader();
      if (reader) {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          bytes += value.byteLength;
          setState({ phase: "preparing", bytes });
        }
      }
      const blob = reader ? new Blob(chunks, { type: "application/zip" }) : await res.blob();
      const filename = filenameOf(res.headers.get("content-disposition"), `proof-pack-${query.system}.zip`);
      saveBlob(blob, filename);
      setState({ phase: "done", filename, bytes: blob.size });
    } catch (error) {
      setState({ phase: "failed", message: error instanceof Error ? error.message : "the download failed", issues: {} });
    } finally {
      running.current = false;
    }
  }, []);

  const reset = useCallback(() => {
    if (!running.current) setState({ phase: "idle" });
  }, []);

  return { state, download, reset };
}

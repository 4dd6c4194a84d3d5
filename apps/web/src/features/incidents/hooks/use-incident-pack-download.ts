import { useCallback, useState } from "react";

type DownloadState = { phase: "idle" } | { phase: "preparing" } | { phase: "done"; filename: string } | { phase: "failed"; message: string };
type RestError = { error?: { message?: string } };

/**
 * Fetches GET /exports/incident-pack (authenticated by the session cookie) and saves it under the
 * server's filename. The server audits every export.
 */
export function useIncidentPackDownload(incidentId: string) {
  const [state, setState] = useState<DownloadState>({ phase: "idle" });
  const download = useCallback(async () => {
    setState({ phase: "preparing" });
    try {
      const res = await fetch(`/exports/incident-pack?${new URLSearchParams({ incident: incidentId }).toString()}`, { credentials: "same-origin" });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as RestError;
        setState({ phase: "failed", message: body.error?.message ?? `the server answered ${res.status}` });
        return;
      }
      const filename = /filename="?([^";]+)"?/i.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `incident-pack-${incidentId}.zip`;
      const url = URL.createObjectURL(await res.blob());
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = filename;
      anchor.style.display = "none";
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ phase: "done", filename });
    } catch (error) {
      setState({ phase: "failed", message: error instanceof Error ? error.message : "the download failed" });
    }
  }, [incidentId]);
  return { state, download };
}

import { readImportResponse, type ImportOutcome } from './report';

/**
 * Sends a CSV file to `POST /intake/import` with XMLHttpRequest, so that the upload's progress can
 * be shown (`upload.onprogress`); `onUploaded` is called once the body is sent and the server is
 * reading the rows. Resolves with the server's report or refusal; `abort()` cancels.
 */
export function uploadCsv(
  url: string,
  file: Blob,
  token: string,
  on: { progress: (loaded: number, total: number) => void; uploaded: () => void },
): { done: Promise<ImportOutcome | null>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<ImportOutcome | null>((resolve) => {
    xhr.open('POST', url);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => on.progress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.upload.onload = () => on.uploaded();
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        /* not JSON: read from the status */
      }
      resolve(readImportResponse(xhr.status, body));
    };
    xhr.onerror = () => resolve(readImportResponse(0, null));
    xhr.onabort = () => resolve(null);
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

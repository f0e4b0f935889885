import { send } from '../api/client';

function fileName(disposition: string | null, fallback: string): string {
  if (!disposition) {
    return fallback;
  }
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    return decodeURIComponent(star[1].trim());
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/**
 * Downloads with the Authorization header (a plain link could not carry it), then hands the blob to the
 * browser through a temporary object URL. Returns the file name used.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const response = await send(path, { headers: { Accept: '*/*' } });
  const blob = await response.blob();
  const name = fileName(response.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke later: some browsers read the URL asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return name;
}

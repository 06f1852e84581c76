/**
 * @module
 * Hands a downloaded file to the browser as a download, from inside the shadow root (so the
 * page's own click handlers never see the link).
 */
export function saveBlob(root: Node, blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  root.appendChild(link);
  link.click();
  link.remove();
  // Revoked on the next task: the download has taken its copy by then.
  setTimeout(() => URL.revokeObjectURL(url));
}

import { useState } from 'react';

export function Mono({ value, label }: { value: string | null | undefined; label?: string }) {
  const [copied, setCopied] = useState(false);
  if (!value) {
    return <span className="muted">—</span>;
  }
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Clipboard denied (insecure origin): the value stays selectable.
    }
  };
  return (
    <span className="mono-value">
      <code>{value}</code>
      <button type="button" className="btn-icon" onClick={copy} aria-label={`Copy ${label ?? 'value'}`}>
        {copied ? '✓' : '⧉'}
      </button>
    </span>
  );
}

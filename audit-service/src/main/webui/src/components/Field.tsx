import type { InputHTMLAttributes } from 'react';

/** A labelled input of a form: the label's text above the input, the whole label clickable. */
export function Field({ label, ...input }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="field">
      <span>{label}</span>
      <input {...input} />
    </label>
  );
}

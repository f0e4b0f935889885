import { useEffect, useRef, useState, type FormEvent } from 'react';
import { getJson, postJson } from '../api/client';
import type { Checkpoint, PublicKey, VerifyResult } from '../api/types';
import { Mono } from '../components/Copy';
import { Empty, ErrorState, Loading } from '../components/States';
import { Time } from '../components/Time';
import { Link } from '../lib/router';
import { useAsync } from '../lib/useAsync';
import { TableHead } from '../components/TableHead';
import { Field } from '../components/Field';

function listOf<T>(data: unknown): T[] {
  if (Array.isArray(data)) {
    return data as T[];
  }
  const body = (data ?? {}) as Record<string, unknown>;
  const items = body.items ?? body.checkpoints ?? body.keys;
  return Array.isArray(items) ? (items as T[]) : [];
}

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  return <>{((now - since) / 1000).toFixed(1)} s</>;
}

function VerifyForm({ chains, onResult }: { chains: string[]; onResult: (result: VerifyResult, seconds: number) => void }) {
  const [scope, setScope] = useState<'all' | 'one'>('all');
  const [chain, setChain] = useState('');
  const [fromSeq, setFromSeq] = useState('');
  const [toSeq, setToSeq] = useState('');
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const run = async (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    if (scope === 'one') {
      body.chain_id = chain.trim();
      if (fromSeq) body.from_seq = Number(fromSeq);
      if (toSeq) body.to_seq = Number(toSeq);
    }
    const started = Date.now();
    controller.current = new AbortController();
    setStartedAt(started);
    setError(null);
    try {
      const result = await postJson<VerifyResult>('/api/integrity/verify', body, controller.current.signal);
      onResult(result, (Date.now() - started) / 1000);
    } catch (e) {
      if (!controller.current.signal.aborted) {
        setError(e as Error);
      }
    } finally {
      setStartedAt(null);
    }
  };

  const running = startedAt !== null;
  return (
    <form className="verify-form" onSubmit={run} aria-busy={running}>
      <fieldset className="radio-row" disabled={running}>
        <legend>Scope</legend>
        <label>
          <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> All chains
        </label>
        <label>
          <input type="radio" name="scope" checked={scope === 'one'} onChange={() => setScope('one')} /> One chain
        </label>
      </fieldset>
      {scope === 'one' && (
        <div className="verify-chain">
          <label className="field">
            <span>Chain id</span>
            <input list="known-chains" value={chain} onChange={(e) => setChain(e.target.value)} required disabled={running} />
            <datalist id="known-chains">
              {chains.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </label>
          <Field label="From seq (optional)" type="number" min={1} value={fromSeq} onChange={(e) => setFromSeq(e.target.value)} disabled={running} />
          <Field label="To seq (optional)" type="number" min={1} value={toSeq} onChange={(e) => setToSeq(e.target.value)} disabled={running} />
        </div>
      )}
      <div className="verify-run">
        <button type="submit" className="btn btn-primary" disabled={running}>
          {running ? 'Verifying…' : 'Run verification'}
        </button>
        {running && (
          <>
            <div className="progress" role="progressbar" aria-label="Verification in progress" aria-valuetext="Verifying">
              <span className="progress-bar" />
            </div>
            <span className="muted" aria-live="off">
              Recomputing checksums… <Elapsed since={startedAt} />
            </span>
            <button type="button" className="btn btn-small" onClick={() => controller.current?.abort()}>
              Stop waiting
            </button>
          </>
        )}
      </div>
      {error && <ErrorState error={error} />}
    </form>
  );
}

function VerifyReport({ result, seconds }: { result: VerifyResult; seconds: number }) {
  const valid = result.status === 'valid';
  return (
    <div className={`verify-result ${valid ? 'is-valid' : 'is-invalid'}`} role="status" data-testid="verify-result">
      <p className="verify-status">
        <span className="verify-icon" aria-hidden="true">
          {valid ? '✓' : '✕'}
        </span>
        <span>
          <strong>{valid ? 'Valid' : 'Invalid'}</strong>: {result.checked.toLocaleString()} entries checked in{' '}
          {result.chains.length} {result.chains.length === 1 ? 'chain' : 'chains'} ({seconds.toFixed(1)} s)
          {!valid && `, ${result.failures.length} ${result.failures.length === 1 ? 'failure' : 'failures'}`}
        </span>
      </p>
      {result.failures.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption>Failures</caption>
            <TableHead columns={['Kind', 'Chain', 'Seq', 'Evidence']} />
            <tbody>
              {result.failures.map((failure, index) => (
                <tr key={index}>
                  <td data-label="Kind">
                    <span className="badge badge-critical">{failure.kind}</span>
                  </td>
                  <td data-label="Chain">
                    <code>{failure.chain_id ?? '—'}</code>
                  </td>
                  <td data-label="Seq">
                    {failure.entry_id ? (
                      <Link to={`/audit?entry=${encodeURIComponent(failure.entry_id)}`}>{failure.seq ?? 'entry'}</Link>
                    ) : (
                      (failure.seq ?? '—')
                    )}
                  </td>
                  <td data-label="Evidence" className="evidence">
                    {failure.detail && <p>{failure.detail}</p>}
                    {failure.resource_type && failure.resource_id && (
                      <p>
                        on {failure.resource_type} <code>{failure.resource_id}</code>
                      </p>
                    )}
                    {failure.expected && (
                      <p>
                        expected <code>{failure.expected}</code>
                      </p>
                    )}
                    {failure.computed && (
                      <p>
                        computed <code>{failure.computed}</code>
                      </p>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.failures_truncated && <p className="muted">Only the first failures are listed.</p>}
      {result.chains.length > 0 && (
        <details className="chains-detail" open={!valid}>
          <summary>Per chain</summary>
          <table className="table">
            <TableHead columns={['Chain', 'Status', 'Checked', 'Head seq']} />
            <tbody>
              {result.chains.map((chain) => (
                <tr key={chain.chain_id}>
                  <td data-label="Chain">
                    <code>{chain.chain_id}</code>
                  </td>
                  <td data-label="Status">{chain.status ?? '—'}</td>
                  <td data-label="Checked">{chain.checked ?? '—'}</td>
                  <td data-label="Head seq">{chain.head_seq ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}

export function IntegrityPage() {
  const checkpoints = useAsync((signal) => getJson<unknown>('/api/checkpoints/latest', signal).then(listOf<Checkpoint>), []);
  const keys = useAsync((signal) => getJson<unknown>('/api/keys', signal).then(listOf<PublicKey>), []);
  const [report, setReport] = useState<{ result: VerifyResult; seconds: number } | null>(null);
  const chains = (checkpoints.data ?? []).map((c) => c.chain_id);

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Integrity</h1>
          <p className="page-lead">
            Recompute every checksum and link, and compare the chain heads with the signed checkpoints.
          </p>
        </div>
      </header>

      <section className="card" aria-labelledby="verify-title">
        <h2 id="verify-title">Verify the log</h2>
        <VerifyForm
          chains={chains}
          onResult={(result, seconds) => {
            setReport({ result, seconds });
            checkpoints.reload();
          }}
        />
        {report && <VerifyReport result={report.result} seconds={report.seconds} />}
      </section>

      <section className="card" aria-labelledby="checkpoints-title">
        <h2 id="checkpoints-title">Latest signed checkpoints</h2>
        {checkpoints.loading && !checkpoints.data && <Loading label="Loading checkpoints…" />}
        {checkpoints.error && <ErrorState error={checkpoints.error} onRetry={checkpoints.reload} />}
        {checkpoints.data && checkpoints.data.length === 0 && (
          <Empty title="No checkpoints yet">Checkpoints are signed once a chain has entries.</Empty>
        )}
        {checkpoints.data && checkpoints.data.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <TableHead columns={['Chain', 'Seq', 'Head checksum', 'Key', 'Signed']} />
              <tbody>
                {checkpoints.data.map((checkpoint) => (
                  <tr key={`${checkpoint.chain_id}:${checkpoint.seq}`}>
                    <td data-label="Chain">
                      <code>{checkpoint.chain_id}</code>
                    </td>
                    <td data-label="Seq">{checkpoint.seq}</td>
                    <td data-label="Head checksum">
                      <Mono value={checkpoint.head_checksum} label="head checksum" />
                      {checkpoint.signed_note && (
                        <details className="note-detail">
                          <summary>Signed note</summary>
                          <pre>{checkpoint.signed_note}</pre>
                        </details>
                      )}
                    </td>
                    <td data-label="Key">
                      <code>{checkpoint.key_id}</code>
                    </td>
                    <td data-label="Signed">
                      <Time iso={checkpoint.created_at} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="keys-title">
        <h2 id="keys-title">Public keys</h2>
        {keys.loading && !keys.data && <Loading label="Loading keys…" />}
        {keys.error && <ErrorState error={keys.error} onRetry={keys.reload} />}
        {keys.data && keys.data.length === 0 && <Empty title="No signing keys published" />}
        {keys.data && keys.data.length > 0 && (
          <ul className="key-list">
            {keys.data.map((key) => (
              <li key={key.key_id} className="key-item">
                <div className="key-head">
                  <code>{key.key_id}</code> <span className="chip">{key.algorithm}</span>
                  <span className="muted">
                    valid from <Time iso={key.valid_from} stacked={false} />
                    {key.valid_until ? (
                      <>
                        {' '}
                        until <Time iso={key.valid_until} stacked={false} />
                      </>
                    ) : (
                      ' · current'
                    )}
                  </span>
                </div>
                <Mono value={key.public_key} label="public key" />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

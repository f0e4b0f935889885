package io.pjctrl.contract.verifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pjctrl.contract.tlog.VerifierKey;

/**
 * The offline verifier for auditors: {@code java -jar pjctrl-verify.jar [options] <export>}. Prints one line per
 * chain, {@code <chain_id> OK ...} or {@code <chain_id> FAIL <kind> ...}, every failure on standard error, and exits
 * 0 when everything verified, 1 on a verification failure, 2 on a usage error or unreadable input.
 */
public final class VerifyExport {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final Pattern STAMP = Pattern.compile("audit-logs-(\\d{8}T\\d{6}Z)\\.[a-z]+$");

    static final String USAGE_TEXT = """
            usage: java -jar pjctrl-verify.jar [options] <export.ndjson | export.csv>

            Verifies an export of audit-service with no service running: every entry's checksum and link, every
            tlog_proof (inclusion at leaf seq-1 of a checkpoint signed by a trusted log key and cosigned by the
            witness quorum), and every checkpoint given against the export's entries (chain head or tree root).

              --key <vkey>               a trusted log verifier key <name>+<hash>+<base64> (repeat for several)
                --valid-from <instant>   window of the --key before it (RFC 3339, e.g. 2026-12-01T08:15:35Z)
                --valid-until <instant>  (omitted: open); a checkpoint's time must lie in it, +/- 1 minute
              --witness-key <vkey>       a trusted witness cosigner key (type 0x04; repeat for several)
              --quorum <k>               valid cosignatures needed per tree-root checkpoint (default: all witnesses)
              --checkpoint <file>        a signed checkpoint note you hold (repeat for several)
              --origin-prefix <prefix>   the deployment's origin prefix (default pjctrl-audit)
              --filtered                 the export was made with a filter: missing seqs are not failures, and
                                         completeness is not claimed (see docs/integrity.md)
              --segment                  the file is an archive of retention: each chain's entries are one dense
                                         seq range that may start after seq 1; its first prev_checksum is printed
                                         (compare it with the manifest and the previous archive's last checksum)
              --format csv|ndjson        override detection by file name / first byte
              --snapshot-time <instant>  when the export was taken (default: the audit-logs-<stamp> file name)

            Output: one line per chain; exit 0 all verified, 1 a verification failure, 2 usage or unreadable input.
            Take keys and the origin prefix from the operator out of band, never from the service you verify.
            """;

    private VerifyExport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** {@link #main} without exiting: the exit code, output to {@code out}, failures and errors to {@code err}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("pjctrl-verify: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        if (options.help) {
            out.print(USAGE_TEXT);
            return OK;
        }
        try {
            TrustPolicy policy = new TrustPolicy(options.originPrefix, options.keys, options.witnesses,
                    options.quorum < 0 ? options.witnesses.size() : options.quorum);
            Instant snapshot = options.snapshot != null ? options.snapshot : stamp(options.export);
            OfflineVerifier verifier = new OfflineVerifier(policy, options.filtered, options.segment, snapshot);
            for (Path file : options.checkpoints) {
                verifier.checkpoint(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
            }
            ExportReader.Format format = options.format != null ? options.format : ExportReader.detect(options.export);
            ExportReader.read(options.export, format, verifier);
            List<ChainReport> reports = verifier.finish();
            boolean ok = true;
            for (ChainReport report : reports) {
                out.println(report.line());
                report.failures().forEach(failure -> err.println(failure.line()));
                ok &= report.ok();
            }
            if (!options.filtered && reports.stream().flatMap(report -> report.failures().stream())
                    .anyMatch(failure -> failure.kind().equals("gap"))) {
                err.println("pjctrl-verify: gaps found; if the export was made with a filter, run again with --filtered "
                        + "(a filtered export cannot show that no entry is missing)");
            }
            if (reports.isEmpty()) {
                out.println("no entries and no checkpoints: nothing verified");
            }
            return ok ? OK : FAILED;
        } catch (IllegalArgumentException | UnreadableExportException e) {
            err.println("pjctrl-verify: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("pjctrl-verify: cannot read " + e.getMessage());
            return USAGE;
        }
    }

    /** The snapshot stamp of an export's file name {@code audit-logs-<yyyyMMdd>T<HHmmss>Z.<ext>}, or null. */
    static Instant stamp(Path export) {
        Matcher matcher = STAMP.matcher(export.getFileName().toString());
        if (!matcher.find()) {
            return null;
        }
        return LocalDateTime.parse(matcher.group(1), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                .toInstant(ZoneOffset.UTC);
    }

    private static final class Options {

        final List<TrustPolicy.LogKey> keys = new ArrayList<>();
        final List<VerifierKey> witnesses = new ArrayList<>();
        final List<Path> checkpoints = new ArrayList<>();
        String originPrefix = "pjctrl-audit";
        int quorum = -1;
        boolean filtered;
        boolean segment;
        boolean help;
        ExportReader.Format format;
        Instant snapshot;
        Path export;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h", "--help" -> options.help = true;
                    case "--filtered" -> options.filtered = true;
                    case "--segment" -> options.segment = true;
                    case "--key" -> options.keys.add(new TrustPolicy.LogKey(vkey(value(args, ++i, arg),
                            VerifierKey.TYPE_ED25519), null, null));
                    case "--valid-from", "--valid-until" -> options.window(arg, instant(value(args, ++i, arg)));
                    case "--witness-key" -> options.witnesses.add(vkey(value(args, ++i, arg),
                            VerifierKey.TYPE_COSIGNATURE_V1));
                    case "--quorum" -> options.quorum = quorum(value(args, ++i, arg));
                    case "--checkpoint" -> options.checkpoints.add(Path.of(value(args, ++i, arg)));
                    case "--origin-prefix" -> options.originPrefix = value(args, ++i, arg);
                    case "--format" -> options.format = format(value(args, ++i, arg));
                    case "--snapshot-time" -> options.snapshot = instant(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("-") || options.export != null) {
                            throw new IllegalArgumentException("unexpected argument " + arg);
                        }
                        options.export = Path.of(arg);
                    }
                }
            }
            if (options.export == null && !options.help) {
                throw new IllegalArgumentException("no export file given");
            }
            return options;
        }

        private void window(String option, Instant bound) {
            if (keys.isEmpty()) {
                throw new IllegalArgumentException(option + " must follow the --key it applies to");
            }
            TrustPolicy.LogKey key = keys.remove(keys.size() - 1);
            keys.add(option.equals("--valid-from")
                    ? new TrustPolicy.LogKey(key.key(), bound, key.validUntil())
                    : new TrustPolicy.LogKey(key.key(), key.validFrom(), bound));
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static VerifierKey vkey(String text, byte type) {
            VerifierKey key;
            try {
                key = VerifierKey.parse(text.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a verifier key: " + e.getMessage());
            }
            if (key.type() != type) {
                throw new IllegalArgumentException("verifier key " + text + " has type 0x0" + key.type() + ", expected 0x0"
                        + type + (type == VerifierKey.TYPE_ED25519 ? " (a log key)" : " (a witness cosignature key)"));
            }
            return key;
        }

        private static Instant instant(String text) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an RFC 3339 instant: " + text);
            }
        }

        private static int quorum(String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--quorum needs a number: " + text);
            }
        }

        private static ExportReader.Format format(String text) {
            return switch (text) {
                case "csv" -> ExportReader.Format.CSV;
                case "ndjson" -> ExportReader.Format.NDJSON;
                default -> throw new IllegalArgumentException("--format is csv or ndjson: " + text);
            };
        }
    }
}

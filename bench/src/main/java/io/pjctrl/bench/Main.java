package io.pjctrl.bench;

/** Entry point of the benchmark tools: {@code java -cp ... io.pjctrl.bench.Main <tool> --option value ...}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.println(
                    "tools: produce, produce-resource, await-stored, dataset, http-load, query, verify-baseline, hot-methods, proofs, poison, dead-letters");
            System.exit(2);
        }
        Args args = new Args(argv, 1);
        switch (argv[0]) {
            case "produce" -> ProduceTool.run(args);
            case "produce-resource" -> HotResourceTool.run(args);
            case "await-stored" -> AwaitStoredTool.run(args);
            case "dataset" -> DatasetTool.run(args);
            case "http-load" -> HttpLoadTool.run(args);
            case "query" -> QueryTool.run(args);
            case "verify-baseline" -> VerifyBaselineTool.run(args);
            case "hot-methods" -> HotMethodsTool.run(args);
            case "proofs" -> ProofTool.run(args);
            case "poison" -> PoisonTool.run(args);
            case "dead-letters" -> DeadLetterCountTool.run(args);
            default -> {
                System.err.println("unknown tool " + argv[0]);
                System.exit(2);
            }
        }
    }
}

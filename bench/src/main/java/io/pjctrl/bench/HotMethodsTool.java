package io.pjctrl.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hot paths of a JFR recording (BENCH_JFR=1): execution samples counted by their top frame (where the CPU was),
 * and by the first frame of our own code (io.pjctrl) on the stack (which of our methods it was working for).
 */
final class HotMethodsTool {

    private HotMethodsTool() {
    }

    static void run(Args args) throws Exception {
        int top = (int) args.number("top", 25);
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args.required("file")))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            frames.stream()
                    .filter(frame -> frame.getMethod().getType().getName().startsWith("io.pjctrl."))
                    .findFirst()
                    .ifPresent(frame -> ours.merge(name(frame), 1, Integer::sum));
        }
        System.out.printf("%d execution samples%n%nself (top frame):%n", samples);
        print(self, samples, top);
        System.out.printf("%nfirst io.pjctrl frame on the stack:%n");
        print(ours, samples, top);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(Map<String, Integer> counts, int samples, int top) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }
}

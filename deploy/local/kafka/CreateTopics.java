import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the stack's topics if they do not exist yet (idempotent). Run as a single-file source program:
 * {@code java -cp 'libs/*' CreateTopics.java <bootstrap> name=partitions[:compact]...} ({@code :compact}: a
 * compacted topic, {@code cleanup.policy=compact}).
 */
public class CreateTopics {

    public static void main(String[] args) throws Exception {
        try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                String[] spec = args[i].split("=");
                String[] partitions = spec[1].split(":");
                if (!existing.contains(spec[0])) {
                    NewTopic topic = new NewTopic(spec[0], Integer.parseInt(partitions[0]), (short) 1);
                    if (partitions.length > 1 && partitions[1].equals("compact")) {
                        topic.configs(java.util.Map.of("cleanup.policy", "compact"));
                    }
                    missing.add(topic);
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            System.out.println("topics: " + existing.size() + " existing, " + missing.size() + " created");
        }
    }
}

package io.pjctrl.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.contract.event.ChangeEvent;
import io.pjctrl.ids.TimeOrderedIds;

/**
 * A deterministic stream of realistic change events: a small organisation (users, projects, tasks, blockers,
 * attachments) evolving over time. Every resource's first event is its create (aggregate_version 1) and later events
 * count up densely, so a consumer sees no version gaps; updates carry one to three changed fields, creates and deletes
 * the whole visible state, descriptions of realistic length (some with quotes, commas, non-ASCII text and leading
 * '=' that a CSV export must neutralise).
 *
 * <p>
 * The mix follows a busy project tool: mostly task edits, then logins/logouts, assignments and blockers; rare
 * deletes, restores and permission changes. Not thread-safe.
 */
public final class EventGenerator {

    private static final String[] ROLES = {"admin", "manager", "member", "auditor"};
    private static final String[] STATUSES = {"todo", "in_progress", "blocked", "done"};
    private static final String[] PRIORITIES = {"low", "medium", "high", "critical"};
    private static final String[] AGENTS = {
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
            "pjctrl-cli/2.3.1", "curl/8.5.0", "python-requests/2.32.3", "okhttp/4.12.0"};
    private static final String[] WORDS = ("the a release plan spec integrity chain review deploy rollback customer "
            + "invoice backlog sprint migrate database index query export audit retention policy onboarding "
            + "follow-up meeting notes draft final budget Q3 roadmap API latency fix bug crash login page mobile "
            + "design copy legal GDPR ticket escalate vendor contract renewal schedule déjà-vu naïve Zürich 東京")
            .split(" ");

    private final SplittableRandom random;
    private final List<User> users = new ArrayList<>();
    private final List<Project> projects = new ArrayList<>();
    private final List<Task> tasks = new ArrayList<>();
    private final List<Blocker> openBlockers = new ArrayList<>();
    private final Clock clock;
    private int usersAnnounced;

    /**
     * @param seed the same seed gives the same stream
     * @param userCount users of the organisation (each announced by a user.create first)
     * @param start occurred_at of the first event
     * @param meanGapMicros mean time between two events
     */
    public EventGenerator(long seed, int userCount, Instant start, long meanGapMicros) {
        this.random = new SplittableRandom(seed);
        this.clock = new Clock(start, meanGapMicros);
        for (int i = 0; i < userCount; i++) {
            users.add(new User(uuid(), pick(i == 0 ? new String[]{"admin"} : rolesByWeight()), ip(), pick(AGENTS)));
        }
    }

    public ChangeEvent next() {
        if (usersAnnounced < users.size()) {
            return userCreate(users.get(usersAnnounced++));
        }
        if (projects.size() < 3) {
            return projectCreate();
        }
        int roll = random.nextInt(1000);
        if (roll < 400) {
            return taskUpdate();
        } else if (roll < 510) {
            return taskCreate();
        } else if (roll < 590) {
            return taskAssign();
        } else if (roll < 640) {
            return blocker();
        } else if (roll < 655) {
            return taskDelete();
        } else if (roll < 660) {
            return taskRestore();
        } else if (roll < 670) {
            return projectCreate();
        } else if (roll < 700) {
            return projectUpdate();
        } else if (roll < 702) {
            return projectDeleteOrRestore();
        } else if (roll < 850) {
            return login();
        } else if (roll < 930) {
            return logout();
        } else if (roll < 950) {
            return loginFailed();
        } else if (roll < 953) {
            return permissionChange();
        } else if (roll < 990) {
            return attachmentUpload();
        }
        return taskUpdate();
    }

    // --- users -------------------------------------------------------------------------------------

    private ChangeEvent userCreate(User user) {
        User admin = users.get(0);
        ObjectNode changes = changes();
        created(changes, "email", user.email());
        created(changes, "display_name", user.displayName);
        created(changes, "role", user.role);
        user.version = 1;
        return event("user.create", "user", user.id.toString(), null, "create", admin, changes, 1);
    }

    private ChangeEvent login() {
        User user = pick(users);
        return event("user.login", "user", user.id.toString(), null, "login", user, changes(), 0);
    }

    private ChangeEvent logout() {
        User user = pick(users);
        return event("user.logout", "user", user.id.toString(), null, "logout", user, changes(), 0);
    }

    private ChangeEvent loginFailed() {
        ObjectNode changes = changes();
        if (random.nextInt(4) == 0) {
            created(changes, "email", "nobody" + random.nextInt(10_000) + "@example.com");
            created(changes, "reason", "unknown_email");
            return event("user.login_failed", "user", null, null, "login", null, changes, 0);
        }
        User user = pick(users);
        created(changes, "reason", "wrong_password");
        return event("user.login_failed", "user", user.id.toString(), null, "login", null, changes, 0);
    }

    private ChangeEvent permissionChange() {
        User user = users.get(1 + random.nextInt(users.size() - 1));
        String role = pick(ROLES);
        if (role.equals(user.role)) {
            role = user.role.equals("member") ? "manager" : "member";
        }
        ObjectNode changes = changes();
        changed(changes, "role", user.role, role);
        user.role = role;
        return event("user.permission_change", "user", user.id.toString(), null, "update", users.get(0), changes,
                ++user.version);
    }

    // --- projects ----------------------------------------------------------------------------------

    private ChangeEvent projectCreate() {
        Project project = new Project(uuid(), sentence(2, 4), paragraph(30, 400));
        projects.add(project);
        ObjectNode changes = changes();
        created(changes, "name", project.name);
        created(changes, "description", project.description);
        created(changes, "status", "active");
        User manager = actor("manager");
        return event("project.create", "project", project.id.toString(), project.id, "create", manager, changes, 1);
    }

    private ChangeEvent projectUpdate() {
        Project project = pick(projects);
        ObjectNode changes = changes();
        if (random.nextBoolean()) {
            String name = sentence(2, 4);
            changed(changes, "name", project.name, name);
            project.name = name;
        } else {
            String description = paragraph(30, 400);
            changed(changes, "description", project.description, description);
            project.description = description;
        }
        return event("project.update", "project", project.id.toString(), project.id, "update", actor("manager"),
                changes, ++project.version);
    }

    private ChangeEvent projectDeleteOrRestore() {
        Project project = pick(projects);
        ObjectNode changes = changes();
        if (project.deleted) {
            changed(changes, "deleted", true, false);
            project.deleted = false;
            return event("project.restore", "project", project.id.toString(), project.id, "restore", users.get(0),
                    changes, ++project.version);
        }
        deleted(changes, "name", project.name);
        deleted(changes, "description", project.description);
        deleted(changes, "status", "active");
        project.deleted = true;
        return event("project.delete", "project", project.id.toString(), project.id, "delete", users.get(0), changes,
                ++project.version);
    }

    // --- tasks -------------------------------------------------------------------------------------

    private ChangeEvent taskCreate() {
        Project project = pick(projects);
        Task task = new Task(uuid(), project.id, sentence(3, 8), paragraph(0, 600), pick(PRIORITIES),
                random.nextInt(3) == 0 ? null : pick(users).id, LocalDate.of(2026, 1, 1).plusDays(random.nextInt(700)));
        tasks.add(task);
        ObjectNode changes = changes();
        created(changes, "title", task.title);
        if (!task.description.isEmpty()) {
            created(changes, "description", task.description);
        }
        created(changes, "status", task.status);
        created(changes, "priority", task.priority);
        if (task.assignee != null) {
            created(changes, "assignee_id", task.assignee.toString());
        }
        created(changes, "due_date", task.dueDate.toString());
        created(changes, "project_id", project.id.toString());
        return event("task.create", "task", task.id.toString(), project.id, "create", actor("member"), changes, 1);
    }

    private ChangeEvent taskUpdate() {
        Task task = liveTask();
        if (task == null) {
            return taskCreate();
        }
        ObjectNode changes = changes();
        int fields = 1 + random.nextInt(random.nextInt(4) == 0 ? 3 : 1);
        for (int i = 0; i < fields; i++) {
            switch (random.nextInt(5)) {
                case 0 -> {
                    String status = STATUSES[(indexOf(STATUSES, task.status) + 1) % STATUSES.length];
                    changed(changes, "status", task.status, status);
                    task.status = status;
                }
                case 1 -> {
                    String title = sentence(3, 8);
                    changed(changes, "title", task.title, title);
                    task.title = title;
                }
                case 2 -> {
                    String description = paragraph(20, 600);
                    changed(changes, "description", task.description, description);
                    task.description = description;
                }
                case 3 -> {
                    String priority = PRIORITIES[(indexOf(PRIORITIES, task.priority) + 1) % PRIORITIES.length];
                    changed(changes, "priority", task.priority, priority);
                    task.priority = priority;
                }
                default -> {
                    LocalDate due = task.dueDate.plusDays(1 + random.nextInt(14));
                    changed(changes, "due_date", task.dueDate.toString(), due.toString());
                    task.dueDate = due;
                }
            }
        }
        return event("task.update", "task", task.id.toString(), task.projectId, "update", actor("member"), changes,
                ++task.version);
    }

    private ChangeEvent taskAssign() {
        Task task = liveTask();
        if (task == null) {
            return taskCreate();
        }
        UUID assignee = random.nextInt(10) == 0 ? null : pick(users).id;
        ObjectNode changes = changes();
        changed(changes, "assignee_id", task.assignee == null ? null : task.assignee.toString(),
                assignee == null ? null : assignee.toString());
        task.assignee = assignee;
        return event("task.assign", "task", task.id.toString(), task.projectId, "update", actor("manager"), changes,
                ++task.version);
    }

    private ChangeEvent taskDelete() {
        Task task = liveTask();
        if (task == null) {
            return taskCreate();
        }
        ObjectNode changes = changes();
        deleted(changes, "title", task.title);
        deleted(changes, "status", task.status);
        deleted(changes, "priority", task.priority);
        task.deleted = true;
        return event("task.delete", "task", task.id.toString(), task.projectId, "delete", actor("manager"), changes,
                ++task.version);
    }

    private ChangeEvent taskRestore() {
        for (int i = tasks.size() - 1; i >= Math.max(0, tasks.size() - 2_000); i--) {
            Task task = tasks.get(i);
            if (task.deleted) {
                ObjectNode changes = changes();
                changed(changes, "deleted", true, false);
                task.deleted = false;
                return event("task.restore", "task", task.id.toString(), task.projectId, "restore", actor("manager"),
                        changes, ++task.version);
            }
        }
        return taskUpdate();
    }

    private ChangeEvent blocker() {
        if (!openBlockers.isEmpty() && random.nextInt(3) == 0) {
            Blocker blocker = openBlockers.remove(random.nextInt(openBlockers.size()));
            ObjectNode changes = changes();
            changed(changes, "status", "open", "resolved");
            created(changes, "task_id", blocker.task.id.toString());
            return event("task.blocker", "blocker", blocker.id.toString(), blocker.task.projectId, "update",
                    actor("member"), changes, 2);
        }
        Task task = liveTask();
        if (task == null) {
            return taskCreate();
        }
        Blocker blocker = new Blocker(uuid(), task);
        openBlockers.add(blocker);
        ObjectNode changes = changes();
        created(changes, "task_id", task.id.toString());
        created(changes, "reason", paragraph(10, 200));
        created(changes, "status", "open");
        return event("task.blocker", "blocker", blocker.id.toString(), task.projectId, "create", actor("member"),
                changes, 1);
    }

    private ChangeEvent attachmentUpload() {
        Task task = liveTask();
        Project project = task == null ? pick(projects) : null;
        UUID projectId = task == null ? project.id : task.projectId;
        ObjectNode changes = changes();
        created(changes, "file_name", sentence(1, 3).replace(' ', '_') + pick(new String[]{".pdf", ".png", ".xlsx"}));
        created(changes, "size_bytes", 1_000 + random.nextInt(5_000_000));
        created(changes, "content_type", pick(new String[]{"application/pdf", "image/png", "application/vnd.ms-excel"}));
        if (task != null) {
            created(changes, "task_id", task.id.toString());
        }
        ChangeEvent upload = event("attachment.upload", "attachment", uuid().toString(), projectId, "create",
                actor("member"), changes, 1);
        return new ChangeEvent(upload.eventId(), upload.eventType(), "/pjctrl/files-service", upload.resourceType(),
                upload.resourceId(), upload.projectId(), upload.action(), upload.userId(), upload.role(), upload.changes(),
                upload.aggregateVersion(), upload.occurredAt(), upload.requestMetadata());
    }

    // --- helpers -----------------------------------------------------------------------------------

    private ChangeEvent event(String type, String resourceType, String resourceId, UUID projectId, String action,
            User actor, ObjectNode changes, long version) {
        User origin = actor == null ? users.get(random.nextInt(users.size())) : actor;
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put("ip", actor == null ? ip() : origin.ip);
        metadata.put("user_agent", origin.agent);
        metadata.put("request_id", uuid().toString());
        metadata.put("trace_id", random.nextInt(10) == 0 ? null : hex32());
        Instant occurredAt = clock.tick(random);
        // Event ids are time-ordered, as project-service makes them (TimeOrderedIds).
        UUID eventId = TimeOrderedIds.of(occurredAt.toEpochMilli(), random.nextLong(), random.nextLong());
        return new ChangeEvent(eventId, type, ChangeEvent.PROJECT_SERVICE, resourceType, resourceId, projectId, action,
                actor == null ? null : actor.id, actor == null ? null : actor.role, changes, version, occurredAt,
                metadata);
    }

    /** A task not deleted, mostly among the recent ones (recent work is hot). */
    private Task liveTask() {
        if (tasks.isEmpty()) {
            return null;
        }
        for (int attempt = 0; attempt < 8; attempt++) {
            int window = random.nextInt(5) == 0 ? tasks.size() : Math.min(tasks.size(), 3_000);
            Task task = tasks.get(tasks.size() - 1 - random.nextInt(window));
            if (!task.deleted) {
                return task;
            }
        }
        return null;
    }

    private User actor(String preferredRole) {
        for (int attempt = 0; attempt < 4; attempt++) {
            User user = pick(users);
            if (user.role.equals(preferredRole) || user.role.equals("admin")) {
                return user;
            }
        }
        return pick(users);
    }

    private String[] rolesByWeight() {
        int roll = random.nextInt(100);
        return new String[]{roll < 3 ? "admin" : roll < 23 ? "manager" : roll < 95 ? "member" : "auditor"};
    }

    private String sentence(int minWords, int maxWords) {
        int count = minWords + random.nextInt(maxWords - minWords + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(pick(WORDS));
        }
        return text.toString();
    }

    private String paragraph(int minChars, int maxChars) {
        int length = minChars + random.nextInt(maxChars - minChars + 1);
        StringBuilder text = new StringBuilder(length + 16);
        int flavour = random.nextInt(40);
        if (flavour == 0) {
            text.append("=HYPERLINK(\"http://example.com\") ");
        } else if (flavour == 1) {
            text.append("\"Quoted\", with commas; ");
        }
        while (text.length() < length) {
            text.append(pick(WORDS)).append(random.nextInt(12) == 0 ? ". " : " ");
        }
        return text.toString().strip();
    }

    private String ip() {
        return random.nextInt(10) == 0
                ? "2001:db8::" + Integer.toHexString(random.nextInt(65_536))
                : "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private String hex32() {
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }

    private UUID uuid() {
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static int indexOf(String[] values, String value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i].equals(value)) {
                return i;
            }
        }
        return 0;
    }

    private static ObjectNode changes() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static void created(ObjectNode changes, String field, Object value) {
        changes.putObject(field).set("new", node(value));
    }

    private static void deleted(ObjectNode changes, String field, Object value) {
        changes.putObject(field).set("old", node(value));
    }

    private static void changed(ObjectNode changes, String field, Object oldValue, Object newValue) {
        ObjectNode change = changes.putObject(field);
        change.set("old", node(oldValue));
        change.set("new", node(newValue));
    }

    private static JsonNode node(Object value) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (value == null) {
            return json.nullNode();
        } else if (value instanceof Boolean flag) {
            return json.booleanNode(flag);
        } else if (value instanceof Integer number) {
            return json.numberNode(number);
        }
        return json.textNode(value.toString());
    }

    // --- world state -------------------------------------------------------------------------------

    /** Strictly increasing microsecond timestamps with exponential gaps around the mean. */
    private static final class Clock {

        private final long meanGapMicros;
        private long micros;

        Clock(Instant start, long meanGapMicros) {
            this.micros = start.getEpochSecond() * 1_000_000 + start.getNano() / 1_000;
            this.meanGapMicros = meanGapMicros;
        }

        Instant tick(SplittableRandom random) {
            micros += 1 + (long) (-Math.log(1 - random.nextDouble()) * meanGapMicros);
            return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
        }
    }

    private static final class User {

        final UUID id;
        final String ip;
        final String agent;
        final String displayName;
        String role;
        long version;

        User(UUID id, String role, String ip, String agent) {
            this.id = id;
            this.role = role;
            this.ip = ip;
            this.agent = agent;
            this.displayName = "User " + id.toString().substring(0, 8);
        }

        String email() {
            return "user-" + id.toString().substring(0, 8) + "@example.com";
        }
    }

    private static final class Project {

        final UUID id;
        String name;
        String description;
        boolean deleted;
        long version = 1;

        Project(UUID id, String name, String description) {
            this.id = id;
            this.name = name;
            this.description = description;
        }
    }

    private static final class Task {

        final UUID id;
        final UUID projectId;
        String title;
        String description;
        String status = "todo";
        String priority;
        UUID assignee;
        LocalDate dueDate;
        boolean deleted;
        long version = 1;

        Task(UUID id, UUID projectId, String title, String description, String priority, UUID assignee,
                LocalDate dueDate) {
            this.id = id;
            this.projectId = projectId;
            this.title = title;
            this.description = description;
            this.priority = priority;
            this.assignee = assignee;
            this.dueDate = dueDate;
        }
    }

    private record Blocker(UUID id, Task task) {
    }
}

package io.pjctrl.contract.ocsf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks a record against the OCSF schema's own files, vendored in {@code /ocsf/<version>/} (README.md there names
 * the source commit): a class's attributes are those of its file and every class it extends, a child's definition of
 * an attribute overriding its parent's (enums merged); objects the same along their {@code extends}; attribute types
 * from {@code dictionary.json}. Reports every required attribute missing, every attribute the class or object does not
 * define, every value of the wrong type or outside its enum, every {@code at_least_one}/{@code just_one} constraint
 * broken, and a class_uid, category_uid or type_uid that does not follow from the class and activity. Profiles
 * ({@code $include}) are not applied: pjctrl records claim none.
 */
public final class OcsfSchema {

    /** The class files of the vendored subset (the rest of the schema is not copied). */
    private static final List<String> CLASS_FILES = List.of("events/base_event.json", "events/iam/iam.json",
            "events/iam/authentication.json", "events/iam/account_change.json", "events/iam/entity_management.json",
            "events/findings/finding.json", "events/findings/detection_finding.json");
    /**
     * Top-level attributes whose enums the schema's compiler generates from the classes (base_event lists only 0):
     * {@link #violations} derives and compares them instead.
     */
    private static final List<String> COMPILED = List.of("class_uid", "category_uid");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String root;
    private final Map<String, JsonNode> classesByName = new HashMap<>();
    private final Map<Integer, String> classNameByUid = new HashMap<>();
    private final JsonNode dictionary;
    private final JsonNode categories;

    private OcsfSchema(String version) {
        this.root = "/ocsf/" + version + "/";
        this.dictionary = read("dictionary.json");
        this.categories = read("categories.json").get("attributes");
        for (String file : CLASS_FILES) {
            JsonNode definition = read(file);
            classesByName.put(definition.get("name").asText(), definition);
        }
        for (String name : classesByName.keySet()) {
            if (name.equals("base_event") || classesByName.get(name).has("uid")) {
                classNameByUid.put(classUid(name), name);
            }
        }
    }

    /** The schema of {@link OcsfRecords#SCHEMA_VERSION}. */
    public static OcsfSchema vendored() {
        return new OcsfSchema(OcsfRecords.SCHEMA_VERSION);
    }

    /** The schema's own version string (version.json). */
    public String version() {
        return read("version.json").get("version").asText();
    }

    /** The names of the attributes the class of {@code classUid} requires, from its files. */
    public List<String> requiredAttributes(int classUid) {
        List<String> required = new ArrayList<>();
        classAttributes(className(classUid)).forEach((name, definition) -> {
            if ("required".equals(definition.path("requirement").asText())) {
                required.add(name);
            }
        });
        return required;
    }

    /** Every way {@code record} breaks the schema; empty when it conforms. */
    public List<String> violations(JsonNode record) {
        List<String> found = new ArrayList<>();
        if (!record.path("class_uid").canConvertToInt() || !classNameByUid.containsKey(record.get("class_uid").intValue())) {
            found.add("class_uid " + record.get("class_uid") + " is not a vendored class");
            return found;
        }
        int classUid = record.get("class_uid").intValue();
        String name = classNameByUid.get(classUid);
        checkObject("", record, classAttributes(name), constraints(classesByName.get(name)), found);
        int categoryUid = categoryUid(name);
        if (record.path("category_uid").intValue() != categoryUid) {
            found.add("category_uid " + record.get("category_uid") + ", the class is in " + categoryUid);
        }
        long typeUid = classUid * 100L + record.path("activity_id").longValue();
        if (record.path("type_uid").longValue() != typeUid) {
            found.add("type_uid " + record.get("type_uid") + " is not class_uid * 100 + activity_id = " + typeUid);
        }
        return found;
    }

    private void checkObject(String path, JsonNode value, Map<String, JsonNode> attributes, JsonNode constraints,
            List<String> found) {
        attributes.forEach((name, definition) -> {
            if ("required".equals(definition.path("requirement").asText()) && isAbsent(value.get(name))) {
                found.add(path + name + " is required");
            }
        });
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode definition = attributes.get(field.getKey());
            if (definition == null) {
                found.add(path + field.getKey() + " is not an attribute here");
            } else if (!(path.isEmpty() && COMPILED.contains(field.getKey()))) {
                checkValue(path + field.getKey(), field.getKey(), field.getValue(), definition, found);
            }
        }
        for (String kind : List.of("at_least_one", "just_one")) {
            JsonNode names = constraints.path(kind);
            if (names.isArray()) {
                int present = 0;
                for (JsonNode n : names) {
                    present += isAbsent(value.get(n.asText())) ? 0 : 1;
                }
                if (present == 0 || (kind.equals("just_one") && present > 1)) {
                    found.add(path + "breaks " + kind + " of " + names);
                }
            }
        }
    }

    private void checkValue(String path, String name, JsonNode value, JsonNode definition, List<String> found) {
        JsonNode entry = dictionary.path("attributes").path(name);
        if (entry.isMissingNode()) {
            found.add(path + " is not in the dictionary");
            return;
        }
        String type = definition.has("type") ? definition.get("type").asText() : entry.path("type").asText();
        if (value.isNull()) {
            return;
        }
        if (entry.path("is_array").asBoolean(false)) {
            if (!value.isArray()) {
                found.add(path + " must be an array");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                checkSingle(path + "[" + i + "]", value.get(i), type, definition, entry, found);
            }
        } else {
            checkSingle(path, value, type, definition, entry, found);
        }
    }

    private void checkSingle(String path, JsonNode value, String type, JsonNode definition, JsonNode entry,
            List<String> found) {
        if (type.equals("object")) {
            if (!value.isObject()) {
                found.add(path + " must be an object");
            }
        } else if (!type.endsWith("_t")) {
            if (!value.isObject()) {
                found.add(path + " must be a " + type + " object");
            } else {
                checkObject(path + ".", value, objectAttributes(type), constraints(object(type)), found);
            }
        } else if (!hasType(value, baseType(type))) {
            found.add(path + " is not a " + type + ": " + value);
        } else {
            JsonNode values = enumOf(definition, entry);
            if (values != null && !values.has(value.asText())) {
                found.add(path + " " + value + " is not in its enum " + fieldNames(values));
            }
        }
    }

    private String baseType(String type) {
        JsonNode declared = dictionary.path("types").path("attributes").path(type);
        return declared.has("type") ? declared.get("type").asText() : type;
    }

    private static boolean hasType(JsonNode value, String base) {
        return switch (base) {
            case "string_t" -> value.isTextual();
            case "integer_t", "long_t" -> value.isIntegralNumber();
            case "float_t" -> value.isNumber();
            case "boolean_t" -> value.isBoolean();
            case "json_t" -> true;
            default -> throw new IllegalStateException("unknown OCSF base type " + base);
        };
    }

    /** The enum of an attribute: the class's or object's, merged along extends, else the dictionary's. */
    private static JsonNode enumOf(JsonNode definition, JsonNode entry) {
        if (definition.has("enum")) {
            return definition.get("enum");
        }
        return entry.has("enum") ? entry.get("enum") : null;
    }

    private Map<String, JsonNode> classAttributes(String name) {
        JsonNode definition = classesByName.get(name);
        Map<String, JsonNode> attributes = definition.has("extends")
                ? classAttributes(definition.get("extends").asText())
                : new LinkedHashMap<>();
        merge(attributes, definition.path("attributes"));
        return attributes;
    }

    private Map<String, JsonNode> objectAttributes(String name) {
        JsonNode definition = object(name);
        String parent = definition.path("extends").asText("");
        Map<String, JsonNode> attributes = parent.isEmpty() ? new LinkedHashMap<>() : objectAttributes(parent);
        merge(attributes, definition.path("attributes"));
        return attributes;
    }

    /** Child over parent, field by field; both enums' values kept (the schema's compiler does the same). */
    private static void merge(Map<String, JsonNode> into, JsonNode attributes) {
        attributes.fields().forEachRemaining(a -> {
            if (a.getKey().startsWith("$")) {
                return;
            }
            ObjectNode merged = into.containsKey(a.getKey()) ? into.get(a.getKey()).deepCopy() : MAPPER.createObjectNode();
            JsonNode parentEnum = merged.get("enum");
            merged.setAll((ObjectNode) a.getValue());
            if (parentEnum != null && a.getValue().has("enum")) {
                ObjectNode values = parentEnum.deepCopy();
                values.setAll((ObjectNode) a.getValue().get("enum"));
                merged.set("enum", values);
            }
            into.put(a.getKey(), merged);
        });
    }

    private JsonNode constraints(JsonNode definition) {
        return definition.path("constraints");
    }

    private JsonNode object(String name) {
        return read("objects/" + name + ".json");
    }

    private String className(int classUid) {
        String name = classNameByUid.get(classUid);
        if (name == null) {
            throw new IllegalArgumentException("class " + classUid + " is not vendored");
        }
        return name;
    }

    private int classUid(String name) {
        JsonNode definition = classesByName.get(name);
        return categoryUid(name) * 1000 + definition.path("uid").asInt(0);
    }

    /** The category of the class or of the nearest class it extends that names one; 0 for "other". */
    private int categoryUid(String name) {
        JsonNode definition = classesByName.get(name);
        if (definition.has("category")) {
            return categories.path(definition.get("category").asText()).path("uid").asInt(0);
        }
        return categoryUid(definition.get("extends").asText());
    }

    private static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull();
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private JsonNode read(String file) {
        try (InputStream in = OcsfSchema.class.getResourceAsStream(root + file)) {
            if (in == null) {
                throw new IllegalStateException("missing vendored OCSF file " + root + file);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

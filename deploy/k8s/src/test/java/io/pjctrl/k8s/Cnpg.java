package io.pjctrl.k8s;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * CloudNativePG (postgresql.cnpg.io/v1) and Barman Cloud plugin (barmancloud.cnpg.io/v1) resources, as far as these
 * manifests use them. No Java model of these CRDs is published on Maven Central, so this is a typed subset written
 * from the operators' API references: every field the manifests use is declared with its type, and any other field
 * fails the strict read. Constraints the CRDs state as patterns or enums are checked in the constructors.
 */
final class Cnpg {

    private Cnpg() {
    }

    record Cluster(String apiVersion, String kind, ObjectMeta metadata, ClusterSpec spec) {
    }

    record ClusterSpec(int instances, String imageName, UpdateStrategy primaryUpdateStrategy, Bootstrap bootstrap,
            Storage storage, ResourceRequirements resources, Affinity affinity, List<Plugin> plugins) {

        ClusterSpec {
            require(instances >= 1, "instances must be at least 1");
        }
    }

    enum UpdateStrategy {
        @JsonProperty("unsupervised")
        UNSUPERVISED, @JsonProperty("supervised")
        SUPERVISED
    }

    record Bootstrap(InitDb initdb) {
    }

    record InitDb(String database, String owner) {
    }

    record Storage(String size, String storageClass) {
    }

    record Affinity(Boolean enablePodAntiAffinity, String topologyKey, String podAntiAffinityType) {
    }

    record Plugin(String name, Boolean enabled, Boolean isWALArchiver, Map<String, String> parameters) {
    }

    record ScheduledBackup(String apiVersion, String kind, ObjectMeta metadata, ScheduledBackupSpec spec) {
    }

    record ScheduledBackupSpec(String schedule, OwnerReference backupOwnerReference, Boolean immediate,
            LocalObjectReference cluster, BackupMethod method, PluginConfiguration pluginConfiguration) {

        ScheduledBackupSpec {
            // CloudNativePG's schedules have six fields, seconds first (unlike a CronJob's five).
            require(schedule.trim().split("\\s+").length == 6, "schedule needs six fields: " + schedule);
            require(method != BackupMethod.PLUGIN || pluginConfiguration != null,
                    "method plugin needs pluginConfiguration");
        }
    }

    enum OwnerReference {
        @JsonProperty("none")
        NONE, @JsonProperty("self")
        SELF, @JsonProperty("cluster")
        CLUSTER
    }

    enum BackupMethod {
        @JsonProperty("barmanObjectStore")
        BARMAN_OBJECT_STORE, @JsonProperty("volumeSnapshot")
        VOLUME_SNAPSHOT, @JsonProperty("plugin")
        PLUGIN
    }

    record LocalObjectReference(String name) {
    }

    record PluginConfiguration(String name, Map<String, String> parameters) {
    }

    record ObjectStore(String apiVersion, String kind, ObjectMeta metadata, ObjectStoreSpec spec) {
    }

    record ObjectStoreSpec(String retentionPolicy, BarmanConfiguration configuration) {

        ObjectStoreSpec {
            require(retentionPolicy == null || retentionPolicy.matches("^[1-9][0-9]*[dwm]$"),
                    "retentionPolicy must look like 30d, 4w or 3m: " + retentionPolicy);
        }
    }

    record BarmanConfiguration(String destinationPath, String endpointURL, S3Credentials s3Credentials,
            WalConfiguration wal, DataConfiguration data) {

        BarmanConfiguration {
            require(destinationPath != null && !destinationPath.isBlank(), "destinationPath is required");
        }
    }

    record S3Credentials(SecretKeySelector accessKeyId, SecretKeySelector secretAccessKey) {
    }

    record SecretKeySelector(String name, String key) {
    }

    record WalConfiguration(Compression compression) {
    }

    record DataConfiguration(Compression compression) {
    }

    enum Compression {
        @JsonProperty("gzip")
        GZIP, @JsonProperty("bzip2")
        BZIP2, @JsonProperty("snappy")
        SNAPPY
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

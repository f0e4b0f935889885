package io.pjctrl.audit.privacy;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The archived months and, per chain, how far it was archived (its minimum index). */
@Schema(name = "Archives")
public record ArchivesView(List<ArchiveRecord> archives, List<ArchivedThrough> chains) {
}

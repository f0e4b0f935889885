package io.pjctrl.audit.checkpoint;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Checkpoints, newest first; {@code next_cursor} is null on the last page. */
@Schema(name = "CheckpointPage")
public record CheckpointPage(List<CheckpointView> items, @Schema(nullable = true) String nextCursor) {
}

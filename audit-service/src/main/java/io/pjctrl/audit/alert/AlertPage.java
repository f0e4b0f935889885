package io.pjctrl.audit.alert;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Alerts, newest first; {@code next_cursor} is null on the last page. */
@Schema(name = "AlertPage")
public record AlertPage(List<AlertView> items, @Schema(nullable = true) String nextCursor) {
}

package io.pjctrl.audit.web.ui;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Admin UI settings (PJCTRL_UI_...): where the sign-in form's credentials go. */
@ConfigMapping(prefix = "pjctrl.ui")
public interface UiConfig {

    /** project-service's login endpoint; the UI posts to /api/session/login here so the browser stays same-origin. */
    @WithDefault("http://127.0.0.1:8081/api/auth/login")
    URI loginUrl();

    /** project-service's logout endpoint, which revokes the token's jti. */
    @WithDefault("http://127.0.0.1:8081/api/auth/logout")
    URI logoutUrl();

    /** How long a forwarded sign-in may take before the UI is told the sign-in service is unavailable. */
    @WithDefault("10s")
    Duration forwardTimeout();
}

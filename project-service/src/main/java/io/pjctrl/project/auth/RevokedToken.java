package io.pjctrl.project.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A logged-out token's id, rejected until the token expires anyway. */
@Entity
@Table(name = "revoked_token")
public class RevokedToken extends PanacheEntityBase {

    @Id
    public String jti;
    public UUID userId;
    public Instant expiresAt;
    public Instant revokedAt;
}

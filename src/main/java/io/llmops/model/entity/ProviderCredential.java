package io.llmops.model.entity;

import io.llmops.platform.persistence.SealedCredentialRow;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A workspace's credentials for one model provider, kept sealed (see {@code SealedCredentials}). */
@Entity
@Table(name = "provider_credential")
public class ProviderCredential extends SealedCredentialRow {

    protected ProviderCredential() {
    }
}

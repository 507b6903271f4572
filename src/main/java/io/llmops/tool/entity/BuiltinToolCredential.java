package io.llmops.tool.entity;

import io.llmops.platform.persistence.SealedCredentialRow;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A workspace's credentials for one built-in tool provider, kept sealed (see {@code SealedCredentials}). */
@Entity
@Table(name = "builtin_tool_credential")
public class BuiltinToolCredential extends SealedCredentialRow {

    protected BuiltinToolCredential() {
    }
}

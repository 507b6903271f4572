package io.llmops.account.boundary;

import io.llmops.platform.persistence.Timestamps;
import io.llmops.account.boundary.AuthDtos.AccountPatch;
import io.llmops.account.boundary.AuthDtos.AccountView;
import io.llmops.account.boundary.AuthDtos.AuthResponse;
import io.llmops.account.boundary.AuthDtos.MemberView;
import io.llmops.account.boundary.AuthDtos.WorkspaceView;
import io.llmops.account.control.AccessTokens;
import io.llmops.account.control.GitHubOAuth;
import io.llmops.account.control.LoginThrottle;
import io.llmops.account.control.OpaqueTokens;
import io.llmops.account.control.PasswordHasher;
import io.llmops.account.entity.Account;
import io.llmops.account.entity.OAuthIdentity;
import io.llmops.account.entity.RefreshToken;
import io.llmops.account.entity.Workspace;
import io.llmops.account.entity.WorkspaceMember;
import io.llmops.platform.boundary.Roles;
import io.llmops.platform.crypto.SecretBox;
import io.llmops.platform.error.ApiException;
import io.llmops.platform.paging.Page;
import io.llmops.platform.paging.PageQuery;
import io.llmops.platform.security.RevokedTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/** The account feature's transactional facade: sign-up, sign-in, tokens, profile, workspaces. */
@ApplicationScoped
@Transactional
public class Accounts {

    private static final Logger LOG = Logger.getLogger(Accounts.class.getName());

    @PersistenceContext(unitName = "llmops")
    EntityManager em;

    @Inject
    PasswordHasher passwords;

    @Inject
    AccessTokens accessTokens;

    @Inject
    LoginThrottle throttle;

    @Inject
    SecretBox secretBox;

    @Inject
    AccountSettings settings;

    @Inject
    RevokedTokens revokedTokens;

    public AuthResponse register(AuthDtos.RegisterRequest request, String clientIp) {
        String email = Account.normalizeEmail(request.email());
        if (findByEmail(email).isPresent()) {
            throw ApiException.conflict("email_taken", "An account with this email already exists");
        }
        Account account = new Account(email, request.name().strip(), null, passwords.hash(request.password()));
        Workspace workspace = createPersonalWorkspace(account);
        account.signedIn(clientIp);
        try {
            em.flush();
        } catch (PersistenceException raced) {
            // another request registered the same email between our check and our insert
            throw ApiException.conflict("email_taken", "An account with this email already exists");
        }
        return signIn(account, workspace, UUID.randomUUID());
    }

    public AuthResponse login(AuthDtos.LoginRequest request, String clientIp) {
        String email = Account.normalizeEmail(request.email());
        throttle.checkAllowed(email, clientIp);
        Optional<Account> account = findByEmail(email);
        boolean valid = passwords.matches(request.password(), account.map(Account::passwordHash).orElse(null));
        if (!valid) {
            throttle.recordFailure(email, clientIp);
            LOG.info(() -> "Sign-in failed from " + clientIp);
            throw ApiException.unauthorized("invalid_credentials", "Email or password is wrong");
        }
        throttle.reset(email, clientIp);
        account.get().signedIn(clientIp);
        return signIn(account.get(), primaryWorkspace(account.get().id()), UUID.randomUUID());
    }

    /** Rotates a refresh token; a token presented twice revokes its whole family (the revocation commits). */
    @Transactional(dontRollbackOn = ApiException.class)
    public AuthResponse refresh(String presented) {
        RefreshToken token = em.createQuery("select t from RefreshToken t where t.tokenHash = :hash", RefreshToken.class)
                .setParameter("hash", OpaqueTokens.sha256(presented))
                .getResultList().stream().findFirst()
                .orElseThrow(Accounts::invalidRefreshToken);
        if (token.isRotated()) {
            revokeFamily(token.familyId());
            LOG.warning(() -> "Refresh token reused; family " + token.familyId() + " revoked");
            throw ApiException.unauthorized("refresh_token_reused",
                    "This refresh token was already used; every session of that sign-in is now revoked");
        }
        if (!token.isUsable(Timestamps.now())) {
            throw invalidRefreshToken();
        }
        int rotated = em.createQuery("update RefreshToken t set t.rotatedAt = :now where t.id = :id and t.rotatedAt is null")
                .setParameter("now", Timestamps.now()).setParameter("id", token.id()).executeUpdate();
        if (rotated == 0) {
            // another request rotated it a moment ago: the same token was used twice
            revokeFamily(token.familyId());
            throw ApiException.unauthorized("refresh_token_reused",
                    "This refresh token was already used; every session of that sign-in is now revoked");
        }
        Account account = em.find(Account.class, token.accountId());
        Workspace workspace = em.find(Workspace.class, token.workspaceId());
        return signIn(account, workspace, token.familyId());
    }

    public void logout(UUID familyId) {
        if (familyId != null) {
            revokeFamily(familyId);
        }
    }

    public AuthResponse signInWithGitHub(GitHubOAuth.Profile profile, String clientIp) {
        String sealedToken = secretBox.encrypt(profile.accessToken());
        Optional<OAuthIdentity> identity = em.createQuery(
                        "select i from OAuthIdentity i where i.provider = 'github' and i.openId = :openId", OAuthIdentity.class)
                .setParameter("openId", profile.openId())
                .getResultList().stream().findFirst();
        Account account;
        if (identity.isPresent()) {
            identity.get().replaceToken(sealedToken);
            account = em.find(Account.class, identity.get().accountId());
        } else {
            account = findByEmail(Account.normalizeEmail(profile.email())).orElseGet(() -> {
                Account created = new Account(profile.email(), displayName(profile), profile.avatarUrl(), null);
                createPersonalWorkspace(created);
                return created;
            });
            em.persist(new OAuthIdentity(account.id(), "github", profile.openId(), sealedToken));
        }
        account.signedIn(clientIp);
        em.flush();
        return signIn(account, primaryWorkspace(account.id()), UUID.randomUUID());
    }

    public AccountView account(UUID accountId) {
        return view(requireAccount(accountId));
    }

    public AccountView update(UUID accountId, AccountPatch patch) {
        Account account = requireAccount(accountId);
        if (patch.name() != null) {
            account.rename(patch.name().strip());
        }
        if (patch.avatar() != null) {
            account.changeAvatar(patch.avatar().isBlank() ? null : patch.avatar().strip());
        }
        return view(account);
    }

    /** Changes the password and ends every other sign-in of the account. */
    public void changePassword(UUID accountId, UUID currentFamily, AuthDtos.PasswordChange change) {
        Account account = requireAccount(accountId);
        if (!passwords.matches(change.currentPassword(), account.passwordHash())) {
            throw ApiException.invalidField("current_password", "is not the current password");
        }
        account.changePasswordHash(passwords.hash(change.newPassword()));
        List<UUID> otherFamilies = em.createQuery("select distinct t.familyId from RefreshToken t "
                        + "where t.accountId = :account and t.revokedAt is null and t.familyId <> :family", UUID.class)
                .setParameter("account", accountId)
                .setParameter("family", currentFamily == null ? UUID.randomUUID() : currentFamily)
                .getResultList();
        otherFamilies.forEach(this::revokeFamily);
    }

    public List<WorkspaceView> workspaces(UUID accountId) {
        return em.createQuery("select w, m.role from Workspace w, WorkspaceMember m "
                        + "where m.workspaceId = w.id and m.accountId = :account order by w.createdAt", Object[].class)
                .setParameter("account", accountId)
                .getResultList().stream()
                .map(row -> workspaceView((Workspace) row[0], (WorkspaceMember.Role) row[1]))
                .toList();
    }

    /** A workspace the caller belongs to; any other id answers 404, as if it did not exist. */
    public WorkspaceView workspace(UUID accountId, UUID workspaceId) {
        return workspaces(accountId).stream().filter(w -> w.id().equals(workspaceId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Workspace"));
    }

    public Page<MemberView> members(UUID accountId, UUID workspaceId, PageQuery page) {
        workspace(accountId, workspaceId);
        List<MemberView> items = em.createQuery("select a, m from Account a, WorkspaceMember m "
                        + "where m.accountId = a.id and m.workspaceId = :workspace order by m.createdAt, a.id", Object[].class)
                .setParameter("workspace", workspaceId)
                .setFirstResult(page.offset()).setMaxResults(page.pageSize())
                .getResultList().stream()
                .map(row -> {
                    Account a = (Account) row[0];
                    WorkspaceMember m = (WorkspaceMember) row[1];
                    return new MemberView(a.id(), a.name(), a.email(), m.role().name(), m.createdAt());
                })
                .toList();
        long total = em.createQuery("select count(m) from WorkspaceMember m where m.workspaceId = :workspace", Long.class)
                .setParameter("workspace", workspaceId).getSingleResult();
        return Page.of(items, page, total);
    }

    private AuthResponse signIn(Account account, Workspace workspace, UUID familyId) {
        String refresh = OpaqueTokens.generate();
        em.persist(new RefreshToken(account.id(), workspace.id(), familyId, OpaqueTokens.sha256(refresh),
                Timestamps.now().plus(settings.refreshTokenLifetime())));
        String access = accessTokens.issue(new AccessTokens.Claims(account.id(), account.email(), workspace.id(),
                familyId, List.of(Roles.USER)));
        WorkspaceMember.Role role = em.createQuery("select m.role from WorkspaceMember m "
                        + "where m.workspaceId = :w and m.accountId = :a", WorkspaceMember.Role.class)
                .setParameter("w", workspace.id()).setParameter("a", account.id()).getSingleResult();
        return new AuthResponse(view(account), workspaceView(workspace, role), access, refresh, "Bearer",
                accessTokens.lifetime().toSeconds());
    }

    private Workspace createPersonalWorkspace(Account account) {
        em.persist(account);
        Workspace workspace = new Workspace(account.name() + "'s workspace", account.id());
        em.persist(workspace);
        em.persist(new WorkspaceMember(workspace.id(), account.id(), WorkspaceMember.Role.owner));
        return workspace;
    }

    private Workspace primaryWorkspace(UUID accountId) {
        return em.createQuery("select w from Workspace w, WorkspaceMember m where m.workspaceId = w.id "
                        + "and m.accountId = :account order by case when w.ownerId = :account then 0 else 1 end, w.createdAt",
                        Workspace.class)
                .setParameter("account", accountId).setMaxResults(1).getSingleResult();
    }

    /** Ends one sign-in: its refresh tokens (PostgreSQL) and its access tokens (Redis). */
    private void revokeFamily(UUID familyId) {
        em.createQuery("update RefreshToken t set t.revokedAt = :now where t.familyId = :family and t.revokedAt is null")
                .setParameter("now", Timestamps.now()).setParameter("family", familyId).executeUpdate();
        revokedTokens.revokeFamilies(List.of(familyId.toString()));
    }

    private Optional<Account> findByEmail(String email) {
        return em.createQuery("select a from Account a where a.email = :email", Account.class)
                .setParameter("email", email).getResultList().stream().findFirst();
    }

    private Account requireAccount(UUID accountId) {
        Account account = em.find(Account.class, accountId);
        if (account == null) {
            throw ApiException.unauthorized("unauthorized", "The account of this token no longer exists");
        }
        return account;
    }

    private static String displayName(GitHubOAuth.Profile profile) {
        String name = profile.name() != null && !profile.name().isBlank() ? profile.name() : profile.login();
        name = name == null || name.isBlank() ? "GitHub user" : name.strip();
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    private static AccountView view(Account a) {
        return new AccountView(a.id(), a.email(), a.name(), a.avatar(), a.lastLoginAt(), a.createdAt());
    }

    private static WorkspaceView workspaceView(Workspace w, WorkspaceMember.Role role) {
        return new WorkspaceView(w.id(), w.name(), role.name(), w.createdAt());
    }

    private static ApiException invalidRefreshToken() {
        return ApiException.unauthorized("invalid_refresh_token", "The refresh token is invalid, expired or revoked");
    }
}

package io.stagedoor.server.accounts;

import io.stagedoor.api.Page;
import io.stagedoor.api.accounts.Account;
import io.stagedoor.api.accounts.AccountStatus;
import io.stagedoor.server.db.PageRequest;
import io.stagedoor.server.error.ConflictException;
import io.stagedoor.server.error.NotFoundException;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Sign-ups waiting for an administrator, on a server that approves new accounts: the list, approval, rejection. */
public final class Registrations {

    private final Jdbi jdbi;

    Registrations(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Accounts waiting for approval, oldest first. */
    public Page<Account> pending(PageRequest page) {
        return jdbi.withHandle(handle -> {
            long total = handle.createQuery("SELECT COUNT(*) FROM account WHERE status = 'PENDING'")
                    .mapTo(Long.class)
                    .one();
            var items = handle.createQuery(
                            "SELECT " + AccountService.ACCOUNT_COLUMNS
                                    + " FROM account WHERE status = 'PENDING' ORDER BY created_at, id LIMIT :size OFFSET :offset")
                    .bind("size", page.size())
                    .bind("offset", page.offset())
                    .map((rs, ctx) -> AccountService.account(rs))
                    .list();
            return new Page<>(items, page.page(), page.size(), total);
        });
    }

    /** Lets a waiting account sign in; approving it again changes nothing. */
    public Account approve(UUID accountId) {
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("UPDATE account SET status = 'ACTIVE' WHERE id = :id AND status = 'PENDING'")
                    .bind("id", accountId)
                    .execute();
            return find(handle, accountId);
        });
    }

    /**
     * Deletes a waiting sign-up: its address may sign up again.
     *
     * @throws ConflictException when the account was approved already
     */
    public void reject(UUID accountId) {
        jdbi.useTransaction(handle -> {
            int deleted = handle.createUpdate("DELETE FROM account WHERE id = :id AND status = 'PENDING'")
                    .bind("id", accountId)
                    .execute();
            if (deleted == 0 && find(handle, accountId).status() == AccountStatus.ACTIVE) {
                throw new ConflictException(
                        "account-active",
                        "Account approved already",
                        "This account was approved already and may have events and sales; only a sign-up that"
                                + " waits for approval can be rejected.");
            }
        });
    }

    private static Account find(Handle handle, UUID accountId) {
        return handle.createQuery("SELECT " + AccountService.ACCOUNT_COLUMNS + " FROM account WHERE id = :id")
                .bind("id", accountId)
                .map((rs, ctx) -> AccountService.account(rs))
                .findOne()
                .orElseThrow(() -> new NotFoundException("There is no account " + accountId + "."));
    }
}

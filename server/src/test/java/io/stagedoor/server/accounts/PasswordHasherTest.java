package io.stagedoor.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesAreArgon2idWithTheirOwnSaltAndVerify() {
        var first = hasher.hash("correct horse battery staple");
        var second = hasher.hash("correct horse battery staple");
        assertThat(first).startsWith("$argon2id$v=19$" + PasswordHasher.parameters() + "$");
        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.matches("correct horse battery staple", first)).isTrue();
        assertThat(hasher.matches("correct horse battery stapler", first)).isFalse();
    }

    @Test
    void theDecoyCostsWhatARealHashCosts() {
        // A wrong e-mail must take as long as a wrong password: the decoy has the parameters new hashes get.
        assertThat(PasswordHasher.DECOY).startsWith("$argon2id$v=19$" + PasswordHasher.parameters() + "$");
        assertThat(hasher.matches("a password nobody has", PasswordHasher.DECOY))
                .isTrue();
    }
}

package io.stagedoor.app.start;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javakeyring.KeyringStorageType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyring's stand-in on systems without one: a file nobody but the user can read. */
class FileTokenStoreTest {

    @TempDir
    Path home;

    @Test
    void keepsATokenPerServerInAFileOnlyItsOwnerCanReadInADirectoryOnlyItsOwnerCanEnter() throws Exception {
        var file = home.resolve("config/stagedoor/tokens.properties");
        var store = new FileTokenStore(file);

        store.save("local", "token-a");
        store.save("https://tickets.example.org/", "token-b");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        var again = new FileTokenStore(file);
        assertThat(again.token("local")).contains("token-a");
        assertThat(again.token("https://tickets.example.org/")).contains("token-b");
        assertThat(again.token("https://other.example.org/")).isEmpty();
    }

    @Test
    void forgettingATokenKeepsTheOthersAndTheFilePrivate() throws Exception {
        var file = home.resolve("tokens.properties");
        var store = new FileTokenStore(file);
        store.save("local", "token-a");
        store.save("remote", "token-b");

        store.forget("local");

        assertThat(store.token("local")).isEmpty();
        assertThat(store.token("remote")).contains("token-b");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var files = Files.list(home)) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void eachSystemAsksItsOwnKeyringAndLinuxNamesItsBackendsSoThatNoNativeLibraryIsUnpacked() {
        assertThat(KeyringTokenStore.candidates("Linux"))
                .containsExactly(KeyringStorageType.GNOME_KEYRING, KeyringStorageType.KWALLET);
        assertThat(KeyringTokenStore.candidates("Mac OS X")).containsExactly(KeyringStorageType.OSX_KEYCHAIN);
        assertThat(KeyringTokenStore.candidates("Windows 11"))
                .containsExactly(KeyringStorageType.WINDOWS_CREDENTIAL_STORE);
    }

    @Test
    void withoutAKeyringOnThisMachineTheFileIsChosen() {
        // The build machines have no Secret Service (no D-Bus session), so java-keyring finds no backend.
        var store = TokenStores.forThisUser(home);

        assertThat(store).isInstanceOf(FileTokenStore.class);
        assertThat(((FileTokenStore) store).file()).isEqualTo(home.resolve("tokens.properties"));
    }
}

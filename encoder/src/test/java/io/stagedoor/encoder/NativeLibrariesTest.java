package io.stagedoor.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NativeLibrariesTest {

    @Test
    void eachPlatformKeepsTheCacheWhereItsConventionsSay() {
        assertThat(NativeLibraries.cacheRoot("Linux", "/home/a", Map.of()))
                .isEqualTo(Path.of("/home/a/.cache/stagedoor"));
        assertThat(NativeLibraries.cacheRoot("Linux", "/home/a", Map.of("XDG_CACHE_HOME", "/c")))
                .isEqualTo(Path.of("/c/stagedoor"));
        assertThat(NativeLibraries.cacheRoot("Mac OS X", "/Users/a", Map.of()))
                .isEqualTo(Path.of("/Users/a/Library/Caches/Stagedoor"));
        assertThat(NativeLibraries.cacheRoot("Windows 11", "C:\\Users\\a", Map.of("LOCALAPPDATA", "D:\\L")))
                .isEqualTo(Path.of("D:\\L", "Stagedoor", "Cache"));
    }
}

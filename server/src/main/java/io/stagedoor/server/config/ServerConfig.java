package io.stagedoor.server.config;

import java.nio.file.Path;

/**
 * Every server setting, validated. Build one with {@link ConfigLoader}; the defaults and their meaning are in
 * {@code stagedoor.conf} beside this class.
 *
 * @param dataDir where the database, live segments and recordings are kept (absolute)
 */
public record ServerConfig(Path dataDir, HttpConfig http, DatabaseConfig database) {

    public ServerConfig withHttp(HttpConfig newHttp) {
        return new ServerConfig(dataDir, newHttp, database);
    }
}

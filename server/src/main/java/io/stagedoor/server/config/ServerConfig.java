package io.stagedoor.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Every server setting, validated. Build one with {@link ConfigLoader}; the defaults and their meaning are in
 * {@code stagedoor.conf} beside this class.
 *
 * @param dataDir where the database, live segments and recordings are kept (absolute)
 * @param publicUrl how buyers and viewers reach this server; empty for "as seen from this machine"
 * @param logFormat how the server program writes its log lines to standard output
 * @param eventStreams how many server-sent event streams may be open at once
 */
public record ServerConfig(
        Path dataDir,
        HttpConfig http,
        DatabaseConfig database,
        Optional<URI> publicUrl,
        AuthConfig auth,
        MailConfig mail,
        PaymentsConfig payments,
        IngestConfig ingest,
        LogFormat logFormat,
        EventStreamLimits eventStreams) {

    public ServerConfig withHttp(HttpConfig newHttp) {
        return new ServerConfig(
                dataDir, newHttp, database, publicUrl, auth, mail, payments, ingest, logFormat, eventStreams);
    }

    public ServerConfig withMail(MailConfig newMail) {
        return new ServerConfig(
                dataDir, http, database, publicUrl, auth, newMail, payments, ingest, logFormat, eventStreams);
    }

    public ServerConfig withPayments(PaymentsConfig newPayments) {
        return new ServerConfig(
                dataDir, http, database, publicUrl, auth, mail, newPayments, ingest, logFormat, eventStreams);
    }

    public ServerConfig withIngest(IngestConfig newIngest) {
        return new ServerConfig(
                dataDir, http, database, publicUrl, auth, mail, payments, newIngest, logFormat, eventStreams);
    }
}

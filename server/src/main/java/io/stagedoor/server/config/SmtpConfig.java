package io.stagedoor.server.config;

/** An SMTP server to deliver mail through. */
public record SmtpConfig(String host, int port, Security security, String user, String password) {

    /** How the connection is protected. */
    public enum Security {
        NONE,
        STARTTLS,
        TLS
    }

    @Override
    public String toString() {
        return "SmtpConfig[host=" + host + ", port=" + port + ", security=" + security + ", user=" + user
                + ", password=" + (password.isEmpty() ? "" : "***") + "]";
    }
}
